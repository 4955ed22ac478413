import type { Db } from '../sqlite';

/**
 * Formats of one book (agent/formats): which books are other formats of a
 * main book, and the admin's decisions about them, each undoable. A
 * decision keeps every book it touched with its group before and after, so
 * an undo puts back exactly what was there.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE format_groups (
      book_id TEXT PRIMARY KEY,
      main_id TEXT NOT NULL
    );
    CREATE INDEX format_groups_main ON format_groups (main_id);

    CREATE TABLE format_actions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('group', 'split', 'keep-apart')),
      state TEXT NOT NULL CHECK (state IN ('done', 'undone')),
      books TEXT NOT NULL,
      before TEXT NOT NULL,
      after TEXT NOT NULL,
      summary TEXT NOT NULL,
      titles TEXT NOT NULL DEFAULT '[]',
      user_id TEXT,
      created_at INTEGER NOT NULL,
      undone_at INTEGER
    );
    CREATE INDEX format_actions_state ON format_actions (kind, state);
  `);
}
