import type { Db } from '../sqlite';

/**
 * The user's metadata edits, one row per change: a field set or cleared (or
 * the primary cover chosen, field 'cover'), what it was before and after,
 * and the trust changes it caused to the sources (JSON TrustChange[]), so
 * that clearing the field, or setting it again, can take them back exactly.
 * `undone` marks a change whose effect was taken back; `undone_by` names the
 * change that did it.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE metadata_edits (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      user_id TEXT,
      book_id TEXT NOT NULL,
      field TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('set', 'clear')),
      before TEXT,
      after TEXT,
      trust_changes TEXT NOT NULL DEFAULT '[]',
      undone INTEGER NOT NULL DEFAULT 0,
      undone_by INTEGER REFERENCES metadata_edits (id)
    );
    CREATE INDEX metadata_edits_book ON metadata_edits (book_id, field, id);
  `);
}
