import { createHash } from 'node:crypto';
import type { Db } from '../sqlite';

/**
 * KOReader sync (/kosync). Each file's two KOReader document ids: the
 * partial MD5 of its bytes (taken by the scan; files scanned before this
 * get it from the kosync-digests job) and the MD5 of its name (computed here
 * for the files already known). And what each KOReader device last sent, as
 * it sent it, per user and document: a position read back by the device
 * that wrote it is answered exactly, and a document of no cataloged book
 * still syncs between devices, as the official server does.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE files ADD COLUMN partial_md5 TEXT;
    ALTER TABLE files ADD COLUMN name_md5 TEXT;
    CREATE INDEX files_partial_md5 ON files (partial_md5);
    CREATE INDEX files_name_md5 ON files (name_md5);
    CREATE TABLE kosync_positions (
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      document TEXT NOT NULL,
      device_id TEXT NOT NULL,
      device TEXT NOT NULL,
      progress TEXT NOT NULL,
      percentage REAL NOT NULL,
      book_id TEXT,
      format TEXT,
      written_at TEXT NOT NULL,
      PRIMARY KEY (user_id, document, device_id)
    );
    CREATE INDEX kosync_positions_book ON kosync_positions (user_id, book_id, device_id);
  `);
  const rows = db.prepare<[], { id: number; rel_path: string }>('SELECT id, rel_path FROM files');
  const set = db.prepare('UPDATE files SET name_md5 = ? WHERE id = ?');
  // As kosync/document-digest.ts fileNameMd5, written out: a migration does not change later.
  const nameMd5 = (rel: string) =>
    createHash('md5')
      .update(rel.slice(rel.lastIndexOf('/') + 1), 'utf8')
      .digest('hex');
  for (const row of rows.all()) set.run(nameMd5(row.rel_path), row.id);
}
