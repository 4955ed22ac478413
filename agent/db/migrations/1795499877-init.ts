import type { Db } from '../sqlite';

/** Settings, library folders, and the file index the scanner keeps. */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE folders (
      id TEXT PRIMARY KEY,
      root TEXT NOT NULL UNIQUE,
      added_at INTEGER NOT NULL
    );
    CREATE TABLE files (
      id INTEGER PRIMARY KEY,
      folder_id TEXT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
      rel_path TEXT NOT NULL,
      book_id TEXT NOT NULL UNIQUE,
      format TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'corrupted', 'missing')),
      problem_code TEXT,
      problem_message TEXT,
      added_at INTEGER NOT NULL,
      scanned_at INTEGER NOT NULL,
      UNIQUE (folder_id, rel_path)
    );
    CREATE TABLE scans (
      id INTEGER PRIMARY KEY,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
      files_seen INTEGER NOT NULL DEFAULT 0,
      files_read INTEGER NOT NULL DEFAULT 0,
      files_failed INTEGER NOT NULL DEFAULT 0,
      message TEXT
    );
  `);
}
