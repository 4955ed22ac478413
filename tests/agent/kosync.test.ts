import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KoreaderClient, md5 } from '../support/koreader-client';
import { tempDir } from '../support/temp';
import { startTestAgent, TEST_PASSWORD, type TestAgent } from '../support/test-agent';

/**
 * KOReader's sync protocol at /kosync, as kosync.koplugin speaks it and the
 * official server answers it (koreader-sync-server spec/controllers/1/
 * syncs_controller_spec.lua): statuses, `{ code, message }` refusals, and a
 * document no book in the library is synced between devices all the same.
 */

const DEVICE_A = '2F4C1A2B3C4D5E6F708192A3B4C5D6E7';
const DEVICE_B = '9E8D7C6B5A4F3E2D1C0B9A8F7E6D5C4B';
const UNKNOWN_DOCUMENT = '89isjkdaj9j';

describe('KOReader sync: the protocol', () => {
  const data = tempDir('kosync-data');
  let agent: TestAgent;
  let server: string;
  let secret: string;
  let otherSecret: string;

  beforeAll(async () => {
    agent = await startTestAgent(data.path, []);
    server = `${agent.url}/kosync`;
    const { users, appPasswords } = agent.agent.auth;
    await agent.signIn('rita', 'reader');
    await agent.signIn('otto', 'reader');
    secret = appPasswords.create(users.byName('rita')!.id, 'Kobo').secret;
    otherSecret = appPasswords.create(users.byName('otto')!.id, 'Kindle').secret;
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  it('answers the health check without a sign-in', async () => {
    const response = await fetch(`${server}/healthcheck`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ state: 'OK' });
  });

  it('refuses registration as KOReader expects (402), saying accounts come from Colophon', async () => {
    const answer = await new KoreaderClient(server, 'newcomer', 'secret').register();
    expect(answer.status).toBe(402);
    expect(answer.body).toMatchObject({ code: 2005, error: 'registration-disabled' });
    expect(answer.body.message).toMatch(/Accounts come from Colophon.*app password/);
    expect(agent.agent.auth.users.byName('newcomer')).toBeUndefined();
  });

  it('signs in with an app password, sent as its MD5', async () => {
    const answer = await new KoreaderClient(server, 'rita', secret).authorize();
    expect(answer).toEqual({ status: 200, body: { authorized: 'OK' } });
    // A user name is matched as sign-in matches it.
    expect((await new KoreaderClient(server, ' RITA', secret).authorize()).status).toBe(200);
  });

  it('refuses anything else with 401 and code 2001', async () => {
    const { users, appPasswords } = agent.agent.auth;
    const revoked = appPasswords.create(users.byName('rita')!.id, 'Old phone');
    appPasswords.revoke(users.byName('rita')!.id, revoked.password.id);
    const refused = [
      new KoreaderClient(server, 'rita', TEST_PASSWORD), // the account's own password
      new KoreaderClient(server, 'rita', otherSecret), // another user's app password
      new KoreaderClient(server, 'rita', revoked.secret),
      new KoreaderClient(server, 'nobody', secret),
      new KoreaderClient(server, 'rita:x', secret),
    ];
    for (const client of refused) {
      const answer = await client.authorize();
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 2001, error: 'unauthorized' });
      expect(answer.body.message).toMatch(/app password/);
    }
    // The app password as typed, not hashed, is not what KOReader sends: refused too.
    expect((await new KoreaderClient(server, 'rita', secret).authorize(secret)).status).toBe(401);
    expect((await new KoreaderClient(server, 'rita', secret).authorize('')).status).toBe(401);
    const put = await new KoreaderClient(server, 'rita', 'wrong').updateProgress({
      document: UNKNOWN_DOCUMENT,
      progress: '56',
      percentage: 0.32,
      device: 'my kpw',
      device_id: DEVICE_A,
    });
    expect(put.status).toBe(401);
    expect((await new KoreaderClient(server, 'rita', 'wrong').getProgress('x')).status).toBe(401);
  });

  it('refuses a disabled user', async () => {
    const { users, appPasswords } = agent.agent.auth;
    await agent.signIn('gone', 'reader');
    const user = users.byName('gone')!;
    const { secret: key } = appPasswords.create(user.id, 'Kobo');
    users.update(user.id, { disabled: true });
    expect((await new KoreaderClient(server, 'gone', key).authorize()).status).toBe(401);
  });

  it('syncs a document that is no book in the library between devices, as the official server does', async () => {
    const kobo = new KoreaderClient(server, 'rita', secret);
    expect(await kobo.getProgress(UNKNOWN_DOCUMENT)).toEqual({
      status: 200,
      body: { colophon: { book: null, matchedBy: null, position: 'none' } },
    });
    const put = await kobo.updateProgress({
      document: UNKNOWN_DOCUMENT,
      progress: '56',
      percentage: 0.32,
      device: 'my kpw',
      device_id: DEVICE_A,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ document: UNKNOWN_DOCUMENT, timestamp: expect.any(Number) });
    const got = await kobo.getProgress(UNKNOWN_DOCUMENT);
    expect(got.body).toEqual({
      document: UNKNOWN_DOCUMENT,
      percentage: 0.32,
      progress: '56',
      device: 'my kpw',
      device_id: DEVICE_A,
      timestamp: put.body.timestamp,
      colophon: { book: null, matchedBy: null, position: 'as-sent' },
    });
    // Another device's later position is the one answered.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await kobo.updateProgress({
      document: UNKNOWN_DOCUMENT,
      progress: '/body/DocFragment[7]/body/p[2]/text().5',
      percentage: 0.5,
      device: 'Kindle',
      device_id: DEVICE_B,
    });
    expect((await kobo.getProgress(UNKNOWN_DOCUMENT)).body).toMatchObject({
      progress: '/body/DocFragment[7]/body/p[2]/text().5',
      device: 'Kindle',
      device_id: DEVICE_B,
    });
    // Only to its user.
    expect(
      (await new KoreaderClient(server, 'otto', otherSecret).getProgress(UNKNOWN_DOCUMENT)).body,
    ).toEqual({ colophon: { book: null, matchedBy: null, position: 'none' } });
  });

  it('refuses a progress without its fields as the official server does (403, 2003/2004)', async () => {
    const put = (body: string) =>
      fetch(`${server}/syncs/progress`, {
        method: 'PUT',
        headers: {
          accept: 'application/vnd.koreader.v1+json',
          'content-type': 'application/json',
          'x-auth-user': 'rita',
          'x-auth-key': md5(secret),
        },
        body,
      });
    const cases: [unknown, number][] = [
      [{ progress: '1', percentage: 0.1, device: 'x' }, 2004],
      [{ document: '', progress: '1', percentage: 0.1, device: 'x' }, 2004],
      [{ document: 'a:b', progress: '1', percentage: 0.1, device: 'x' }, 2004],
      [{ document: 'abc', percentage: 0.1, device: 'x' }, 2003],
      [{ document: 'abc', progress: '1', device: 'x' }, 2003],
      [{ document: 'abc', progress: '1', percentage: 'lots', device: 'x' }, 2003],
      [{ document: 'abc', progress: '1', percentage: 0.1 }, 2003],
    ];
    for (const [body, code] of cases) {
      const response = await put(JSON.stringify(body));
      expect(response.status, JSON.stringify(body)).toBe(403);
      expect(((await response.json()) as { code: number }).code, JSON.stringify(body)).toBe(code);
    }
    // The official server takes a percentage written as a string.
    const stringy = await put(
      JSON.stringify({ document: 'abc', progress: 3, percentage: '0.25', device: 'x' }),
    );
    expect(stringy.status).toBe(200);
    const bad = await put('{"document": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 400, error: 'bad-json' });
  });

  it('answers an unknown address, and a server typed with a trailing slash', async () => {
    const missing = await fetch(`${server}/syncs/elsewhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
    const slashed = await new KoreaderClient(`${server}/`, 'rita', secret).authorize();
    expect(slashed.status).toBe(200);
    const doubled = await fetch(`${server}//users/auth`, {
      headers: { 'x-auth-user': 'rita', 'x-auth-key': md5(secret) },
    });
    expect(doubled.status).toBe(200);
  });
});

describe('KOReader sync: wrong app passwords slow down like sign-in', () => {
  const data = tempDir('kosync-limits');
  let agent: TestAgent;
  let secret: string;

  beforeAll(async () => {
    agent = await startTestAgent(data.path, [], { kosync: { attempts: 3 } });
    await agent.signIn('rita', 'reader');
    await agent.signIn('otto', 'reader');
    const { users, appPasswords } = agent.agent.auth;
    secret = appPasswords.create(users.byName('rita')!.id, 'Kobo').secret;
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  it('lets a device sync all day, and stops a guesser for the window, right key or not', async () => {
    const server = `${agent.url}/kosync`;
    const kobo = new KoreaderClient(server, 'rita', secret);
    for (let i = 0; i < 8; i++) expect((await kobo.authorize()).status).toBe(200);
    const guesser = new KoreaderClient(server, 'rita', 'guess');
    for (let i = 0; i < 3; i++) expect((await guesser.authorize()).status).toBe(401);
    const limited = await kobo.authorize();
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate-limited' });
    expect(limited.body.message).toMatch(/Wait a few minutes/);
    // Another user name from the same address is not held back.
    expect((await new KoreaderClient(server, 'otto', 'guess').authorize()).status).toBe(401);
  });
});
