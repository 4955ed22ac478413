import { afterEach, describe, expect, it } from 'vitest';
import { setupCode } from '../../agent/auth/setup-code';
import type { SessionApiOptions } from '../../agent/server/session-api';
import { tempDir } from '../support/temp';
import {
  startTestAgent,
  TEST_PASSWORD,
  type TestAgent,
  type TestSession,
} from '../support/test-agent';

const STRONG = 'violet cellar umbrella';

interface Answer {
  status: number;
  body: { message?: string; user?: { username: string } };
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** POST /api/session as someone with no session yet. */
async function signIn(agent: TestAgent, username: string, password: string): Promise<Answer> {
  return answer(
    await fetch(`${agent.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }),
  );
}

async function send(
  session: TestSession,
  method: string,
  path: string,
  body: object,
): Promise<Answer> {
  return answer(
    await session.fetch(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

describe('security: accounts and sessions', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(session?: SessionApiOptions): Promise<TestAgent> {
    const data = tempDir('security-accounts');
    const agent = await startTestAgent(data.path, [], session ? { session } : {});
    cleanups.push(async () => {
      await agent.close();
      data.remove();
    });
    return agent;
  }

  const userId = (agent: TestAgent, name: string) =>
    agent.agent.auth.users.byName(name)?.id ?? 'missing';

  it("changing your own password ends your other sessions, not this one; an admin's reset ends them all", async () => {
    const agent = await start();
    const here = await agent.signIn('rita', 'reader');
    const there = await agent.signIn('rita', 'reader');

    const changed = await send(here, 'PUT', '/api/me/password', {
      current: TEST_PASSWORD,
      password: STRONG,
    });
    expect(changed.status).toBe(200);
    expect((await here.fetch('/api/status')).status).toBe(200);
    expect((await there.fetch('/api/status')).status).toBe(401);
    expect((await signIn(agent, 'rita', STRONG)).status).toBe(200);

    const reset = await send(agent.admin, 'POST', `/api/users/${userId(agent, 'rita')}/password`, {
      password: 'marble quietly orchard',
    });
    expect(reset.status).toBe(200);
    expect((await here.fetch('/api/status')).status).toBe(401);
    expect((await agent.admin.fetch('/api/status')).status).toBe(200);
  });

  it('matches user names trimmed and case-folded, for signing in, its rate limit and new accounts', async () => {
    const agent = await start({ loginAttempts: 3, loginWindowMs: 60_000 });
    await agent.signIn('rita', 'reader');
    await agent.signIn('Émile', 'reader');

    for (const name of [' rita', 'RITA', 'ｒｉｔａ']) {
      const signedIn = await signIn(agent, name, TEST_PASSWORD);
      expect(signedIn.status, name).toBe(200);
      expect(signedIn.body.user?.username).toBe('rita');
    }

    // Three wrong guesses under three spellings use up rita's one allowance.
    const guesses = [];
    for (const name of ['rita', ' Rita', 'RITA ', 'ｒｉｔａ'])
      guesses.push((await signIn(agent, name, 'not the password')).status);
    expect(guesses).toEqual([401, 401, 401, 429]);
    expect((await signIn(agent, 'rita', TEST_PASSWORD)).status).toBe(429);

    for (const [name, taken] of [
      ['RITA', 'rita'],
      ['Ｒｉｔａ', 'rita'],
      ['émile', 'Émile'],
    ] as const) {
      const added = await send(agent.admin, 'POST', '/api/users', {
        username: name,
        password: STRONG,
        role: 'reader',
      });
      expect(added.status, name).toBe(400);
      expect(added.body.message).toContain(`"${taken}"`);
    }
    expect(agent.agent.auth.users.list().map((u) => u.username)).toEqual([
      'admin',
      'rita',
      'Émile',
    ]);
  });

  it('counts only failed sign-ins against the limit', async () => {
    const agent = await start(); // the real limits: 10 per name, 50 per address, in 15 minutes
    await agent.signIn('rita', 'reader');

    const correct = [];
    for (let i = 0; i < 12; i++) correct.push((await signIn(agent, 'rita', TEST_PASSWORD)).status);
    expect(correct).toEqual(Array<number>(12).fill(200));

    const wrong = [];
    for (let i = 0; i < 11; i++) wrong.push((await signIn(agent, 'rita', `guess ${i}`)).status);
    expect(wrong).toEqual([...Array<number>(10).fill(401), 429]);
    expect((await signIn(agent, 'rita', TEST_PASSWORD)).status).toBe(429);
  });

  it('refuses very weak passwords with a reason that says why, and takes strong ones', async () => {
    const agent = await start();
    const add = (username: string, password: string) =>
      send(agent.admin, 'POST', '/api/users', { username, password, role: 'reader' });

    const weak = [
      ['password123', /commonly used password/],
      ['aaaaaaaaaaaa', /Repeated characters/],
      ['rita123456', /commonly used password/],
    ] as const;
    for (const [password, why] of weak) {
      const refused = await add('rita', password);
      expect(refused.status, password).toBe(400);
      expect(refused.body.message).toMatch(/^This password is too easy to guess\./);
      expect(refused.body.message).toMatch(why);
    }
    // The user's own name makes a password weak: the same one is fine for someone else.
    const ownName = await add('zorbulon', 'zorbulon2024');
    expect(ownName.status).toBe(400);
    expect(ownName.body.message).toMatch(/personal/);
    expect((await add('quentin', 'zorbulon2024')).status).toBe(201);
    // The length rule still speaks first.
    expect((await add('rita', 'short')).body.message).toMatch(/at least 10 characters/);
    expect((await add('rita', STRONG)).status).toBe(201);

    // The same rule for one's own new password, and for the admin's reset of it.
    const rita = await agent.signIn('rita', 'reader');
    const own = await send(rita, 'PUT', '/api/me/password', {
      current: STRONG,
      password: 'rita123456',
    });
    expect(own.status).toBe(400);
    expect(own.body.message).toMatch(/too easy to guess/);
    const reset = await send(agent.admin, 'POST', `/api/users/${userId(agent, 'rita')}/password`, {
      password: 'password123',
    });
    expect(reset.status).toBe(400);
    expect((await signIn(agent, 'rita', STRONG)).status).toBe(200);

    // And for the first admin, which the setup wizard creates.
    agent.agent.ctx.db.prepare('DELETE FROM users').run();
    const setup = await answer(
      await fetch(`${agent.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: setupCode(agent.agent.ctx.db),
          username: 'boss',
          password: 'boss123456',
        }),
      }),
    );
    expect(setup.status).toBe(400);
    expect(setup.body.message).toMatch(/too easy to guess/);
  });

  it("shows readers the operation log without the accounts' changes, and admins all of it", async () => {
    const agent = await start();
    const put = await send(agent.admin, 'PUT', '/api/settings/scanIntervalHours', { value: 2 });
    expect(put.status).toBe(200);
    expect(
      (await send(agent.admin, 'POST', '/api/users', { username: 'rita', password: STRONG }))
        .status,
    ).toBe(201);
    const ritaId = userId(agent, 'rita');
    await send(agent.admin, 'PATCH', `/api/users/${ritaId}`, { role: 'admin' });
    await send(agent.admin, 'PATCH', `/api/users/${ritaId}`, { role: 'reader' });
    await send(agent.admin, 'POST', `/api/users/${ritaId}/password`, {
      password: 'marble quietly orchard',
    });
    const rita = await agent.signIn('rita', 'reader');
    await send(rita, 'PUT', '/api/me/password', {
      current: 'marble quietly orchard',
      password: STRONG,
    });

    const kinds = async (session: TestSession, query = '') =>
      ((await (await session.fetch(`/api/log${query}`)).json()) as { kind: string }[]).map(
        (entry) => entry.kind,
      );
    const asAdmin = await kinds(agent.admin);
    expect(asAdmin).toEqual(
      expect.arrayContaining(['user.added', 'user.changed', 'user.password', 'settings.changed']),
    );
    const asReader = await kinds(rita);
    expect(asReader).toContain('settings.changed');
    expect(asReader.filter((kind) => kind.startsWith('user.'))).toEqual([]);
    // Left out before paging: the newest entry a reader may see is still a page of one.
    expect(await kinds(rita, '?limit=1')).toEqual(['settings.changed']);
  });
});
