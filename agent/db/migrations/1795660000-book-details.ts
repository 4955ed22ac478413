import type { Db } from '../sqlite';

/**
 * Every candidate a book's file gave, by book document id: the replicated
 * book document carries only the file's answer per field (see
 * agent/catalog/slim-extraction.ts); the metadata page asks for the rest.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE book_details (
      doc_id TEXT PRIMARY KEY,
      candidates TEXT NOT NULL
    );
  `);
}
