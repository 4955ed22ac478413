import type { Db } from '../sqlite';

/**
 * Plain archives (.zip, .rar, .7z, .tar) a scan opened and found holding no
 * comic pages, by size and date: a rescan does not open them again unless
 * they change. They are not books, so they have no row in `files`.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE not_comics (
      folder_id TEXT NOT NULL,
      rel_path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      reason TEXT NOT NULL,
      checked_at INTEGER NOT NULL,
      PRIMARY KEY (folder_id, rel_path)
    );
  `);
}
