import type Database from 'better-sqlite3';
import type { Db } from '../db/sqlite';

/**
 * Plain archives found not to be comics, by size and date (see the
 * not-comics migration): the scan opens such a file again only when it changed.
 */
export class NotComics {
  private readonly atPath: Database.Statement<[string, string]>;
  private readonly remember: Database.Statement<[string, string, number, number, string, number]>;
  private readonly forgetOne: Database.Statement<[string, string]>;
  private readonly inFolder: Database.Statement<[string]>;

  constructor(private readonly db: Db) {
    this.atPath = db.prepare(
      'SELECT size, mtime_ms FROM not_comics WHERE folder_id = ? AND rel_path = ?',
    );
    this.remember = db.prepare(
      `INSERT INTO not_comics (folder_id, rel_path, size, mtime_ms, reason, checked_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (folder_id, rel_path) DO UPDATE SET size = excluded.size,
         mtime_ms = excluded.mtime_ms, reason = excluded.reason, checked_at = excluded.checked_at`,
    );
    this.forgetOne = db.prepare('DELETE FROM not_comics WHERE folder_id = ? AND rel_path = ?');
    this.inFolder = db.prepare('SELECT rel_path FROM not_comics WHERE folder_id = ?');
  }

  /** Whether this file, at this size and date, was found not to be a comic. */
  has(folderId: string, relPath: string, size: number, mtimeMs: number): boolean {
    const row = this.atPath.get(folderId, relPath) as
      { size: number; mtime_ms: number } | undefined;
    return row !== undefined && row.size === size && row.mtime_ms === mtimeMs;
  }

  add(folderId: string, relPath: string, size: number, mtimeMs: number, reason: string): void {
    this.remember.run(folderId, relPath, size, mtimeMs, reason, Date.now());
  }

  /** The file is a comic now (it changed), or gone. */
  forget(folderId: string, relPath: string): void {
    this.forgetOne.run(folderId, relPath);
  }

  /** Forgets the folder's archives a full walk did not meet: they left the disk. */
  keepOnly(folderId: string, met: ReadonlySet<string>): void {
    const rows = this.inFolder.all(folderId) as { rel_path: string }[];
    this.db.transaction(() => {
      for (const { rel_path } of rows)
        if (!met.has(rel_path)) this.forgetOne.run(folderId, rel_path);
    })();
  }
}
