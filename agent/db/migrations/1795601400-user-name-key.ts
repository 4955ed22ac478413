import type { Db } from '../sqlite';

/**
 * The folded user name sign-in looks accounts up by (auth/user-names.ts:
 * trimmed, NFKC, lower case; SQLite's NOCASE folds only ASCII). Written out
 * here rather than imported, so this migration stays what it was if the
 * folding changes. Not a unique index: two accounts made before this, such as
 * "Émile" and "émile", must not stop the agent from starting; new accounts
 * are refused when their key is taken.
 */
export function up(db: Db): void {
  db.exec(`ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT ''`);
  const update = db.prepare('UPDATE users SET name_key = ? WHERE id = ?');
  const rows = db.prepare<[], { id: string; username: string }>('SELECT id, username FROM users');
  for (const row of rows.all())
    update.run(row.username.trim().normalize('NFKC').toLowerCase(), row.id);
  db.exec('CREATE INDEX users_name_key ON users (name_key)');
}
