import type { Db } from '../sqlite';

/**
 * The cover made for a file (hash and sizes), so another file with the same
 * content (a copy in another folder) reuses it instead of decoding again.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE files ADD COLUMN cover_made TEXT;
    CREATE INDEX files_content_cover ON files (content_key, cover_state);
  `);
}
