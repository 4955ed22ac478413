import type { Db } from '../sqlite';

/**
 * Accounts, their sessions, the history of settings changes (so each can be
 * undone), and folders that can be removed and added back with their books.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'reader')),
      disabled INTEGER NOT NULL DEFAULT 0,
      preferences TEXT NOT NULL DEFAULT '{}',
      created_at INTEGER NOT NULL
    );
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      csrf TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX sessions_user ON sessions (user_id);
    ALTER TABLE folders ADD COLUMN removed_at INTEGER;
    CREATE TABLE settings_history (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      user_id TEXT,
      key TEXT NOT NULL,
      before TEXT,
      after TEXT,
      undone_by INTEGER
    );
  `);
}
