import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiErrorSchema } from '#core/api/request-input';
import { pathOf, type ApiRoute } from '#core/api/route';
import { API, API_ROUTES } from '#core/api/routes';
import { createApp } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';
import { isRequestCheck } from '../../agent/server/serve-route';
import { makeCalibreLibrary } from '../support/make-calibre-library';
import { makeEpub } from '../support/make-epub';
import { routeInventory } from '../support/route-inventory';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

const name = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('the HTTP API contract (#core/api)', () => {
  const data = tempDir('contract-data');
  const library = tempDir('contract-library');
  const calibre = tempDir('contract-calibre');
  let agent: TestAgent;
  let rita: TestSession;

  beforeAll(async () => {
    writeFileSync(join(library.path, 'dune.epub'), await makeEpub({ title: 'Dune' }));
    await makeCalibreLibrary(calibre.path, [{ title: 'Emma', author: 'Jane Austen' }]);
    agent = await startTestAgent(data.path, [library.path]);
    rita = await agent.signIn('rita', 'reader');
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
    calibre.remove();
  });

  /** Calls a route as `who`; the answer's status and JSON body. */
  async function call(
    route: ApiRoute,
    input: { params?: Record<string, string>; query?: string; body?: unknown } = {},
    who: TestSession = agent.admin,
  ) {
    const response = await who.fetch(
      `${pathOf(route.path, input.params ?? {})}${input.query ? `?${input.query}` : ''}`,
      {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
      },
    );
    return { status: response.status, body: (await response.json()) as unknown };
  }

  it('is what the agent serves: every /api route it registers is in the table, and each is checked', () => {
    const served = routeInventory(createApp(agent.agent, { buildDir: BUILD_DIR })).filter((r) =>
      r.path.startsWith('/api/'),
    );
    expect(served.map(name).sort()).toEqual(API_ROUTES.map(name).sort());
    for (const route of served)
      expect([...route.guards].some(isRequestCheck), `${name(route)} has no request check`).toBe(
        true,
      );
  });

  // A malformed body or query of each resource: 400 bad-request, the field named and why.
  const malformed: [ApiRoute, Parameters<typeof call>[1], string][] = [
    [API.session.signIn, { body: { username: 'admin', password: 42 } }, 'password'],
    [API.session.setUp, { body: { username: 'x', password: 'y' } }, 'code'],
    [API.users.add, { body: { username: 'zed', password: 'long enough', role: 'king' } }, 'role'],
    [API.users.change, { params: { id: 'x1' }, body: { disabled: 'yes' } }, 'disabled'],
    [API.users.setPreferences, { body: { pageSize: 'big' } }, 'pageSize'],
    [API.appPasswords.create, { body: { name: 'x'.repeat(61) } }, 'name'],
    [API.settings.set, { params: { key: 'scanIntervalHours' }, body: [2] }, 'body'],
    [API.settings.undo, { params: { id: 'last' } }, 'id'],
    [API.folders.check, { body: { path: 7 } }, 'path'],
    [API.folders.add, { body: { path: library.path, writable: 'yes' } }, 'writable'],
    [API.jobs.get, { params: { id: 'abc' } }, 'id'],
    [API.jobs.log, { query: 'limit=ten' }, 'limit'],
    [API.jobs.log, { query: 'job=1&job=2' }, 'job'],
    [API.rename.preview, { body: { pattern: '${title}', page: 'two' } }, 'page'],
    [API.rename.preview, { body: { selection: ['a'] } }, 'pattern'],
    [API.rename.execute, { body: { pattern: '${title}', planHash: 'h' } }, 'batchId'],
    [API.rename.batches, { query: 'limit=-1' }, 'limit'],
    [API.rename.batch, { params: { id: 'x1' }, query: 'offset=1.5' }, 'offset'],
    [API.metadata.changeSource, { params: { id: 'file' }, body: { trust: 'high' } }, 'trust'],
    [API.metadata.changeSource, { params: { id: 'file' }, body: { colour: 'red' } }, 'colour'],
    [API.metadata.mergeSeries, { body: { from: 'Dune' } }, 'into'],
    [API.metadata.chooseCover, { params: { bookId: 'x1' }, body: { cover: 'nope' } }, 'cover'],
    [API.calibre.check, { body: { path: 7 } }, 'path'],
    [API.calibre.import, { body: {} }, 'path'],
  ];
  it.each(malformed.map(([route, input, field]) => [name(route), field, route, input] as const))(
    '%s refuses a malformed %s with 400',
    async (_name, field, route, input) => {
      const answer = await call(route, input);
      expect(answer.status).toBe(400);
      const body = apiErrorSchema.parse(answer.body);
      expect(body).toMatchObject({ error: 'bad-request', field });
      expect(body.message).toMatch(new RegExp(`^${field}: \\S`));
    },
  );

  it('checks who may call before what they sent: a reader sending nonsense is refused as a reader', async () => {
    const answer = await call(API.users.add, { body: { role: 7 } }, rita);
    expect(answer.status).toBe(403);
  });

  it('answers what the contract says (the browser only types answers: this is where they are checked)', async () => {
    const parse = async (
      route: ApiRoute,
      input?: Parameters<typeof call>[1],
      who?: TestSession,
    ) => {
      const answer = await call(route, input, who);
      expect(answer.status, name(route)).toBeLessThan(300);
      const result = (route.response as z.ZodType).safeParse(answer.body);
      expect(result.error?.issues, name(route)).toBeUndefined();
      return answer.body;
    };
    for (const route of [
      API.session.current,
      API.session.setupNeeded,
      API.users.list,
      API.users.preferences,
      API.settings.all,
      API.settings.history,
      API.folders.list,
      API.status.status,
      API.jobs.list,
      API.jobs.log,
      API.rename.options,
      API.rename.batches,
      API.metadata.sources,
    ])
      await parse(route);
    await parse(API.folders.list, {}, rita);
    await parse(API.jobs.log, { query: 'limit=5' }, rita);
    const change = await parse(API.settings.set, {
      params: { key: 'scanIntervalHours' },
      body: { value: 3 },
    });
    await parse(API.settings.undo, { params: { id: String((change as { id: number }).id) } });
    await parse(API.rename.preview, { body: { pattern: '${title}.${ext}', pageSize: 5 } });
    const [{ id }] = (await call(API.jobs.list)).body as [{ id: number }];
    await parse(API.jobs.get, { params: { id: String(id) } });
    await parse(API.jobs.log, { query: `job=${id}` });
    const made = (await parse(API.appPasswords.create, { body: { name: 'Kobo' } }, rita)) as {
      password: { id: string };
    };
    await parse(API.appPasswords.list, {}, rita);
    await parse(API.appPasswords.revoke, { params: { id: made.password.id } }, rita);
    await parse(API.calibre.check, { body: { path: calibre.path } });
    await parse(API.calibre.import, { body: { path: calibre.path } });
  });
});
