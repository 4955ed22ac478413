import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/sqlite';
import type { User, UserStore } from './users';

export interface Session {
  user: User;
  csrf: string;
  expiresAt: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Sessions: the browser holds a random token in an HttpOnly cookie; only its
 * hash is stored, so a copy of the database does not log anyone in. Each
 * session has its own CSRF token. Expiry slides with use.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly users: UserStore,
    /** How long a session lasts without use. */
    private readonly timeoutMs: () => number,
  ) {}

  create(user: User): { token: string; csrf: string } {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = Date.now();
    this.db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(hash(token), user.id, csrf, now, now, now + this.timeoutMs());
    return { token, csrf };
  }

  /** The live session for a cookie token, extended; undefined when unknown, expired or the user is disabled. */
  find(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const row = this.db
      .prepare<[string], { user_id: string; csrf: string; expires_at: number }>(
        'SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = ?',
      )
      .get(hash(token));
    const now = Date.now();
    if (!row || row.expires_at <= now) return undefined;
    const user = this.users.get(row.user_id);
    if (!user || user.disabled) return undefined;
    const expiresAt = now + this.timeoutMs();
    // Extending on every request would write on every request: once a minute is enough.
    if (expiresAt - row.expires_at > 60_000) {
      this.db
        .prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?')
        .run(now, expiresAt, hash(token));
    }
    return { user, csrf: row.csrf, expiresAt: Math.max(expiresAt, row.expires_at) };
  }

  revoke(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash(token));
  }

  /** Logs a user out everywhere. */
  revokeAll(userId: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  /** Logs a user out everywhere but the session with this token (theirs, after a password change). */
  revokeOthers(userId: string, keepToken: string): number {
    return this.db
      .prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?')
      .run(userId, hash(keepToken)).changes;
  }

  purgeExpired(): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(Date.now());
  }
}
