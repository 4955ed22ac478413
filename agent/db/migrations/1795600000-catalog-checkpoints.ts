import type { Db } from '../sqlite';

/**
 * The replication checkpoints browsers keep on the catalog (`/db/catalog/_local/*`),
 * one row per user and checkpoint id: kept here rather than in the catalog's
 * PouchDB so that no client writes the catalog store, each user sees only
 * their own, and their size is counted against a quota.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE catalog_checkpoints (
      user_id TEXT NOT NULL,
      id TEXT NOT NULL,
      rev INTEGER NOT NULL,
      body TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (user_id, id)
    ) WITHOUT ROWID;
  `);
}
