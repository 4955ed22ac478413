import type { Db } from '../sqlite';

/**
 * The OPDS feeds' books as last merged (agent/opds/opds-book-store.ts): a
 * restart reads them back instead of merging every book of the catalog
 * again. Derived from the catalog, so it can always be dropped and rebuilt.
 */
export function up(db: Db): void {
  db.exec('CREATE TABLE opds_books (id TEXT PRIMARY KEY, record TEXT NOT NULL)');
}
