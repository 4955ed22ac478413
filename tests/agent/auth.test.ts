import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupCode } from '../../agent/auth/setup-code';
import { tempDir } from '../support/temp';
import { startTestAgent, TEST_PASSWORD, type TestAgent } from '../support/test-agent';
import { samplePosition } from '../support/sample-reading';

async function signIn(agent: TestAgent, username: string, password: string) {
  return fetch(`${agent.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('signing in, sessions and setup', () => {
  let data: ReturnType<typeof tempDir>;
  let agent: TestAgent;

  beforeEach(async () => {
    data = tempDir('auth-data');
    agent = await startTestAgent(data.path, [], {
      session: { loginAttempts: 3, loginWindowMs: 60_000 },
    });
  });
  afterEach(async () => {
    await agent.close();
    data.remove();
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie and a CSRF token, and signs out', async () => {
    const response = await signIn(agent, 'admin', TEST_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/colophon_session=[\w-]{20,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const { csrf, user } = (await response.json()) as {
      csrf: string;
      user: { username: string; role: string };
    };
    expect(user).toMatchObject({ username: 'admin', role: 'admin' });
    const session = cookie.split(';')[0] as string;
    const me = await fetch(`${agent.url}/api/session`, { headers: { cookie: session } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
    const out = await fetch(`${agent.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: session, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(200);
    expect((await fetch(`${agent.url}/api/status`, { headers: { cookie: session } })).status).toBe(
      401,
    );
  });

  it('says the same for a wrong password and an unknown user, and stores only a password hash', async () => {
    const wrong = await signIn(agent, 'admin', 'not the password');
    const unknown = await signIn(agent, 'nobody', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    const row = agent.agent.ctx.db
      .prepare("SELECT password_hash FROM users WHERE username = 'admin'")
      .get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('limits sign-in attempts', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await signIn(agent, 'admin', `guess ${i} wrong`)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Even the right password waits out the window.
    expect((await signIn(agent, 'admin', TEST_PASSWORD)).status).toBe(429);
  });

  it('ends a session when it expires, and signs a user out everywhere', async () => {
    expect((await agent.admin.fetch('/api/status')).status).toBe(200);
    agent.agent.ctx.db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
    expect((await agent.admin.fetch('/api/status')).status).toBe(401);

    const one = await agent.signIn('reader1', 'reader');
    const two = await agent.signIn('reader1', 'reader');
    expect((await one.fetch('/api/session/everywhere', { method: 'POST' })).status).toBe(200);
    expect((await two.fetch('/api/status')).status).toBe(401);
  });

  it('keeps /db and the API closed to anyone not signed in', async () => {
    expect((await fetch(`${agent.url}/db/catalog`)).status).toBe(401);
    expect((await fetch(`${agent.url}/api/jobs`)).status).toBe(401);
    expect((await fetch(`${agent.url}/api/settings`)).status).toBe(401);
  });

  it('lets a reader read but not change settings, and gives each user a private database', async () => {
    const reader = await agent.signIn('rita', 'reader');
    expect((await reader.fetch('/api/status')).status).toBe(200);
    expect(
      (
        await reader.fetch('/api/settings/scanIntervalHours', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{"value":2}',
        })
      ).status,
    ).toBe(403);
    const rita = agent.agent.auth.users.byName('rita');
    const own = reader.remote(`user-${rita?.id}`);
    // The user's own database: created on first use, readable and writable by them alone.
    const created = await reader.fetch(`/db/user-${rita?.id}`, { method: 'PUT' });
    expect(created.status).toBeLessThan(300);
    const position = samplePosition('book1', 'device-a', 0.12);
    await own.put(position);
    expect(((await own.get(position._id)) as unknown as { percentage: number }).percentage).toBe(
      0.12,
    );
    expect(
      (await agent.admin.fetch(`/db/user-${rita?.id}/${encodeURIComponent(position._id)}`)).status,
    ).toBe(404);
  });

  it('creates the first admin only with the setup code, and only once', async () => {
    const fresh = tempDir('auth-fresh');
    const empty = await startTestAgent(fresh.path, []);
    try {
      // startTestAgent made an admin: remove it to look like a fresh agent.
      empty.agent.ctx.db.prepare('DELETE FROM users').run();
      const code = setupCode(empty.agent.ctx.db);
      const setup = (body: object) =>
        fetch(`${empty.url}/api/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        ((await (await fetch(`${empty.url}/api/setup`)).json()) as { needed: boolean }).needed,
      ).toBe(true);
      expect(
        (await setup({ code: 'WRONG-CODE', username: 'boss', password: TEST_PASSWORD })).status,
      ).toBe(403);
      expect((await setup({ code, username: 'boss', password: 'short' })).status).toBe(400);
      expect(
        (await setup({ code: code.toLowerCase(), username: 'boss', password: TEST_PASSWORD }))
          .status,
      ).toBe(200);
      expect((await setup({ code, username: 'intruder', password: TEST_PASSWORD })).status).toBe(
        409,
      );
      expect(empty.agent.auth.users.list().map((u) => `${u.username}:${u.role}`)).toEqual([
        'boss:admin',
      ]);
    } finally {
      await empty.close();
      fresh.remove();
    }
  });
});
