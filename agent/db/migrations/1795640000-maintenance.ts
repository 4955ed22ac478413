import type { Db } from '../sqlite';

/**
 * An admin's decisions about duplicates and missing books, journaled like
 * renames. An action and each of its books are written before anything
 * moves; an entry keeps the file-index row and the catalog document as they
 * were, so an undo puts back exactly what was there (the user's edits are
 * documents of their own and never go). Entry states: planned → moved (the
 * file is in the trash folder, its row gone) → removed (its catalog document
 * gone) → returned (the file and row back) → restored (the document back).
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE maintenance_actions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('keep-one', 'keep-both', 'ignore', 'remove')),
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'undoing', 'undone')),
      content_key TEXT,
      files TEXT NOT NULL DEFAULT '[]',
      summary TEXT NOT NULL,
      books TEXT NOT NULL DEFAULT '[]',
      user_id TEXT,
      message TEXT,
      created_at INTEGER NOT NULL,
      undone_at INTEGER
    );
    CREATE INDEX maintenance_actions_key ON maintenance_actions (content_key, state);
    CREATE INDEX maintenance_actions_state ON maintenance_actions (state);

    CREATE TABLE maintenance_entries (
      action_id TEXT NOT NULL REFERENCES maintenance_actions (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      book_id TEXT NOT NULL,
      folder_id TEXT NOT NULL,
      rel_path TEXT NOT NULL,
      trash_rel TEXT,
      file_row TEXT NOT NULL,
      book_doc TEXT,
      state TEXT NOT NULL CHECK (state IN ('planned', 'moved', 'removed', 'returned', 'restored', 'failed')),
      reason TEXT,
      PRIMARY KEY (action_id, seq)
    );
  `);
}
