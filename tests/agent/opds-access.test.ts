import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeInventory } from '../support/route-inventory';
import { createApp } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';
import { basicAuth, openOpdsLibrary, type OpdsLibrary } from '../support/opds-library';
import { TEST_PASSWORD } from '../support/test-agent';

const CHALLENGE = 'Basic realm="Colophon"';
const concrete = (path: string) =>
  path
    .replace(/\{\/:\w+\}/g, '')
    .replace(/:(\w+)/g, (_, name: string) => (name === 'size' ? 'small' : 'x1'));

describe('who may read /opds: app passwords (HTTP Basic) and sessions, read-only', () => {
  let lib: OpdsLibrary;
  const url = (path: string) => `${lib.agent.url}${path}`;

  beforeAll(async () => {
    lib = await openOpdsLibrary({ devices: { attempts: 4, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await lib?.close();
  });

  it('asks every /opds route for credentials: 401 with a Basic challenge, no stack', async () => {
    const paths = routeInventory(createApp(lib.agent.agent, { buildDir: BUILD_DIR }))
      .filter((r) => r.path.startsWith('/opds'))
      .map((r) => concrete(r.path));
    expect(paths).toEqual(expect.arrayContaining(['/opds/', '/opds/v2', '/opds/books/x1/file']));
    for (const path of paths) {
      const response = await fetch(url(path));
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate'), path).toBe(CHALLENGE);
      const body = (await response.json()) as { error: string; message: string; stack?: string };
      expect(body.error).toBe('unauthenticated');
      expect(body.message).toMatch(/app password/);
      expect(body.stack).toBeUndefined();
    }
  });

  it('refuses a wrong app password, the account password, and another user’s app password', async () => {
    const admin = lib.agent.agent.auth.users.byName('admin');
    const adminSecret = lib.agent.agent.auth.appPasswords.create(admin?.id ?? '', 'Tablet').secret;
    for (const authorization of [
      basicAuth('rita', 'not-it'),
      basicAuth('rita', TEST_PASSWORD),
      basicAuth('admin', lib.secret),
      basicAuth('nobody', lib.secret),
    ]) {
      const response = await fetch(url('/opds'), { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(CHALLENGE);
      expect(((await response.json()) as { error: string }).error).toBe('wrong-credentials');
    }
    expect(
      (await fetch(url('/opds'), { headers: { authorization: basicAuth('admin', adminSecret) } }))
        .status,
    ).toBe(200);
  });

  it('reaches nothing outside /opds with an app password: not /api, not /db', async () => {
    expect((await lib.get('/opds')).status).toBe(200);
    for (const path of [
      '/api/status',
      '/api/me/app-passwords',
      '/api/me/preferences',
      '/api/users',
      '/db/catalog',
      '/db/catalog/_all_docs',
    ]) {
      const response = await lib.get(path);
      expect(response.status, path).toBe(401);
    }
    const created = await lib.get('/api/me/app-passwords', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'More' }),
    });
    expect(created.status).toBe(401);
    const book = lib.bookId('dune.epub');
    expect((await lib.get(`/api/books/${book}/pages`)).status).toBe(401);
  });

  it('changes nothing: every other method is refused, even with a good app password', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await lib.get('/opds', { method });
      expect(response.status, method).toBe(405);
    }
  });

  it('lets a browser’s session read the catalog too, and shows readers no paths', async () => {
    const viaSession = await lib.agent.admin.fetch('/opds/all');
    expect(viaSession.status).toBe(200);
    const folder = lib.agent.agent.ctx.db.prepare('SELECT root FROM folders LIMIT 1').get() as {
      root: string;
    };
    for (const path of ['/opds/all', '/opds/v2/all', '/opds/recent', '/opds/v2/formats/epub']) {
      const text = await (await lib.get(path)).text();
      expect(text).not.toContain(folder.root);
      for (const file of ['dune.epub', 'left-hand.epub', 'palm.mobi', 'captain.cbz'])
        expect(text, path).not.toContain(file);
    }
  });

  it('stops answering a revoked app password, and a disabled user’s', async () => {
    const { agent } = lib;
    const rita = agent.agent.auth.users.byName('rita');
    const made = agent.agent.auth.appPasswords.create(rita?.id ?? '', 'Old phone');
    const authorization = basicAuth('rita', made.secret);
    expect((await fetch(url('/opds'), { headers: { authorization } })).status).toBe(200);
    agent.agent.auth.appPasswords.revoke(rita?.id ?? '', made.password.id);
    expect((await fetch(url('/opds'), { headers: { authorization } })).status).toBe(401);

    await agent.signIn('omar', 'reader');
    const own = agent.agent.auth.appPasswords.create(
      agent.agent.auth.users.byName('omar')?.id ?? '',
      'Kindle',
    );
    const omarAuth = basicAuth('omar', own.secret);
    expect((await fetch(url('/opds'), { headers: { authorization: omarAuth } })).status).toBe(200);
    await agent.admin.fetch(`/api/users/${agent.agent.auth.users.byName('omar')?.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect((await fetch(url('/opds'), { headers: { authorization: omarAuth } })).status).toBe(401);
  });

  it('records when an app password was last used, for Settings → Devices', async () => {
    const list = await (
      await lib.agent.signIn('rita', 'reader').then((rita) => rita.fetch('/api/me/app-passwords'))
    ).json();
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Kobo', lastUsedAt: expect.any(String) }),
      ]),
    );
    // KOReader's form of the same secret (its MD5) checks against the same stored hash.
    const md5 = createHash('md5').update(lib.secret).digest('hex');
    expect(lib.agent.agent.auth.appPasswords.verify('rita', md5, 'md5')?.username).toBe('rita');
  });

  it('slows down guessing like sign-in: after the limit even the right app password waits', async () => {
    const guess = () =>
      fetch(url('/opds'), { headers: { authorization: basicAuth('zed', 'guess') } });
    await lib.agent.signIn('zed', 'reader');
    const zed = lib.agent.agent.auth.users.byName('zed');
    const secret = lib.agent.agent.auth.appPasswords.create(zed?.id ?? '', 'e-reader').secret;
    for (let i = 0; i < 4; i++) expect((await guess()).status).toBe(401);
    const limited = await guess();
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toBe('rate-limited');
    const right = await fetch(url('/opds'), {
      headers: { authorization: basicAuth('zed', secret) },
    });
    expect(right.status).toBe(429);
    // Another user behind the same address is not held up by zed's guesses.
    expect((await lib.get('/opds')).status).toBe(200);
  });
});
