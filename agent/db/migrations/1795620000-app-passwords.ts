import type { Db } from '../sqlite';

/**
 * App passwords: one per device a user signs in to OPDS or KOReader sync
 * with. `secret_hash` is the scrypt hash of the MD5 (hex) of the secret, so
 * a password typed in (HTTP Basic) and KOReader's MD5 of it check against the
 * same hash.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE app_passwords (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      secret_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER
    );
    CREATE INDEX app_passwords_user ON app_passwords (user_id);
  `);
}
