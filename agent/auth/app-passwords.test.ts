import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../db/sqlite';
import Database from 'better-sqlite3';
import { AppPasswords, MAX_APP_PASSWORDS } from './app-passwords';
import { UserStore } from './users';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('app passwords', () => {
  let db: Db;
  let store: AppPasswords;
  let userId: string;

  beforeEach(async () => {
    db = new Database(':memory:');
    migrate(db);
    userId = (await new UserStore(db).add('Rita', 'a long passphrase of hers', 'reader')).id;
    store = new AppPasswords(db);
  });
  afterEach(() => db.close());

  it('verifies the secret as typed and as KOReader’s MD5 against one stored hash', () => {
    const { password, secret } = store.create(userId, ' Kobo ');
    expect(password).toMatchObject({ userId, name: 'Kobo' });
    expect(password.lastUsedAt).toBeUndefined();
    expect(secret).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){4}$/);
    const row = db.prepare('SELECT * FROM app_passwords').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(md5(secret));
    expect(store.verify('rita', secret, 'plain')?.id).toBe(userId);
    expect(store.verify(' RITA', md5(secret), 'md5')?.id).toBe(userId);
    expect(store.verify('Rita', md5(secret).toUpperCase(), 'md5')?.id).toBe(userId);
    expect(store.list(userId)[0]?.lastUsedAt).toEqual(expect.any(String));
  });

  it('refuses a wrong secret, the MD5 given as plain, another user, and a revoked password', async () => {
    const { password, secret } = store.create(userId, 'Phone');
    const other = await new UserStore(db).add('omar', 'another long passphrase', 'reader');
    expect(store.verify('Rita', `${secret}x`, 'plain')).toBeUndefined();
    expect(store.verify('Rita', md5(secret), 'plain')).toBeUndefined();
    expect(store.verify('Rita', secret, 'md5')).toBeUndefined();
    expect(store.verify('omar', secret, 'plain')).toBeUndefined();
    expect(store.verify('nobody', secret, 'plain')).toBeUndefined();
    expect(store.verify('Rita', secret, 'plain')).toBeDefined();
    expect(store.revoke(other.id, password.id)).toBe(false);
    expect(store.revoke(userId, password.id)).toBe(true);
    expect(store.verify('Rita', secret, 'plain')).toBeUndefined();
    expect(store.list(userId)).toEqual([]);
  });

  it('forgets a password revoked by another process at the next request', () => {
    const { password, secret } = store.create(userId, 'Phone');
    expect(store.verify('Rita', secret, 'plain')).toBeDefined();
    new AppPasswords(db).revoke(userId, password.id);
    expect(store.verify('Rita', secret, 'plain')).toBeUndefined();
  });

  it('refuses a disabled user and names devices it was not told the name of', () => {
    const { password, secret } = store.create(userId, '');
    expect(password.name).toBe('Device 1');
    new UserStore(db).update(userId, { disabled: true });
    expect(store.verify('Rita', secret, 'plain')).toBeUndefined();
  });

  it(`keeps at most ${MAX_APP_PASSWORDS} per user`, () => {
    for (let i = 0; i < MAX_APP_PASSWORDS; i++) store.create(userId, `d${i}`);
    expect(() => store.create(userId, 'one more')).toThrow(/revoke one/);
  });
});
