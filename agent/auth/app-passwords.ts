import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { AppPassword } from '#core/api/app-passwords';
import type { Db } from '../db/sqlite';
import { newId } from '../ids';
import { hashPasswordSync, RANDOM_SECRET_PARAMS, verifyPasswordSync } from './passwords';
import { UserError, UserStore, type User } from './users';

export type { AppPassword } from '#core/api/app-passwords';

/** Whom a request signed in with an app password acts for. */
export type AuthUser = User;

interface AppPasswordRow {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  created_at: number;
  last_used_at: number | null;
}

const toAppPassword = (row: AppPasswordRow): AppPassword => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  createdAt: new Date(row.created_at).toISOString(),
  ...(row.last_used_at !== null && { lastUsedAt: new Date(row.last_used_at).toISOString() }),
});

/** A user has a handful of devices; each failed check costs one hash per password. */
export const MAX_APP_PASSWORDS = 20;
/** How long a checked secret is trusted without hashing it again. */
const TRUSTED_FOR_MS = 15 * 60_000;
/** lastUsedAt moves at most this often: a device reading a feed must not write on every request. */
const LAST_USED_STEP_MS = 60_000;
/** A hash of nothing, checked for unknown users so that timing does not tell which names exist. */
const NO_MATCH = hashPasswordSync('', RANDOM_SECRET_PARAMS);

const md5hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** 20 letters and digits (100 random bits) in groups of four, to be typed on an e-reader. */
function newSecret(): string {
  return (newId(20).match(/.{4}/g) ?? []).join('-');
}

/**
 * App passwords: named, revocable secrets a user gives a device, stored as
 * the scrypt hash of their MD5 (hex), so that the password as typed (HTTP
 * Basic) and KOReader's x-auth-key (its MD5) check against one hash.
 * Successful checks are remembered for a while under an HMAC with a key of
 * this process, so a device reading page after page is not hashed each time;
 * the row is still looked up on every request, so a revocation (even by the
 * CLI, in another process) takes effect at once.
 */
export class AppPasswords {
  private readonly users: UserStore;
  private readonly trusted = new Map<string, { id: string; until: number }>();
  private readonly cacheKey = new Uint8Array(randomBytes(32));

  constructor(private readonly db: Db) {
    this.users = new UserStore(db);
  }

  /** Makes one; the secret is returned once and stored only hashed. */
  create(userId: string, name: string): { password: AppPassword; secret: string } {
    if (!this.users.get(userId)) throw new UserError('There is no such user.');
    const count = this.list(userId).length;
    if (count >= MAX_APP_PASSWORDS)
      throw new UserError(
        `You have ${MAX_APP_PASSWORDS} app passwords already; revoke one you no longer use first.`,
      );
    const secret = newSecret();
    const id = newId(12);
    this.db
      .prepare(
        'INSERT INTO app_passwords (id, user_id, name, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        id,
        userId,
        name.trim() || `Device ${count + 1}`,
        hashPasswordSync(md5hex(secret), RANDOM_SECRET_PARAMS),
        Date.now(),
      );
    return { password: this.get(id) as AppPassword, secret };
  }

  /** Whether anyone has an app password (then devices read from this library). */
  any(): boolean {
    return this.db.prepare('SELECT 1 FROM app_passwords LIMIT 1').get() !== undefined;
  }

  list(userId: string): AppPassword[] {
    return this.db
      .prepare<[string], AppPasswordRow>(
        'SELECT * FROM app_passwords WHERE user_id = ? ORDER BY created_at, id',
      )
      .all(userId)
      .map(toAppPassword);
  }

  /** Whether the user had that password (it no longer signs anything in). */
  revoke(userId: string, id: string): boolean {
    for (const [key, entry] of this.trusted) if (entry.id === id) this.trusted.delete(key);
    return (
      this.db.prepare('DELETE FROM app_passwords WHERE id = ? AND user_id = ?').run(id, userId)
        .changes > 0
    );
  }

  /**
   * The user an app password belongs to; `form` says whether `secret` is the
   * password as typed ('plain', HTTP Basic) or its lowercase hex MD5 ('md5',
   * as KOReader's kosync sends x-auth-key). Undefined when it matches none of
   * the user's app passwords, or the user is disabled. Updates lastUsedAt.
   */
  verify(username: string, secret: string, form: 'plain' | 'md5'): AuthUser | undefined {
    const digest = form === 'plain' ? md5hex(secret) : secret.trim().toLowerCase();
    const found = this.users.byName(username);
    if (!found || found.disabled || !digest) {
      verifyPasswordSync(digest, NO_MATCH);
      return undefined;
    }
    const { passwordHash: _hidden, ...user } = found;
    const key = `${user.id}:${createHmac('sha256', this.cacheKey).update(digest).digest('base64url')}`;
    const now = Date.now();
    const cached = this.trusted.get(key);
    let row = cached && cached.until > now ? this.row(cached.id, user.id) : undefined;
    if (!row) {
      this.trusted.delete(key);
      row = this.rows(user.id).find((r) => verifyPasswordSync(digest, r.secret_hash));
      if (!row) return undefined;
      this.forgetExpired(now);
      this.trusted.set(key, { id: row.id, until: now + TRUSTED_FOR_MS });
    }
    if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_STEP_MS)
      this.db.prepare('UPDATE app_passwords SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return user;
  }

  private get(id: string): AppPassword | undefined {
    const row = this.db
      .prepare<[string], AppPasswordRow>('SELECT * FROM app_passwords WHERE id = ?')
      .get(id);
    return row && toAppPassword(row);
  }

  private row(id: string, userId: string): AppPasswordRow | undefined {
    return this.db
      .prepare<[string, string], AppPasswordRow>(
        'SELECT * FROM app_passwords WHERE id = ? AND user_id = ?',
      )
      .get(id, userId);
  }

  private rows(userId: string): AppPasswordRow[] {
    return this.db
      .prepare<[string], AppPasswordRow>('SELECT * FROM app_passwords WHERE user_id = ?')
      .all(userId);
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.trusted) if (entry.until <= now) this.trusted.delete(key);
  }
}
