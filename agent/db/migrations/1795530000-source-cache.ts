import type { Db } from '../sqlite';

/**
 * External sources' HTTP answers, kept an hour so a rescan or a second
 * lookup does not ask again, and kept across restarts. The key is the method
 * and the URL without its API key.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE source_cache (
      key TEXT PRIMARY KEY,
      source TEXT NOT NULL,
      status INTEGER NOT NULL,
      headers TEXT NOT NULL DEFAULT '{}',
      body TEXT NOT NULL,
      stored_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX source_cache_expiry ON source_cache (expires_at);
  `);
}
