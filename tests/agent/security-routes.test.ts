import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';
import { requireAdmin, requireSession } from '../../agent/server/session-middleware';
import { routeInventory, type RegisteredRoute } from '../support/route-inventory';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/** Routes anyone may call: signing in, first-start setup, and reading whether either is needed. */
const PUBLIC = new Set([
  'GET /api/session',
  'POST /api/session',
  'GET /api/setup',
  'POST /api/setup',
]);
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const concrete = (path: string) => path.replace(/:(\w+)/g, 'x1').replace(/\*\w+/g, 'a/b.epub');

/** The sources one directive of a content security policy allows. */
function directive(csp: string, name: string): string[] {
  const found = csp
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found?.slice(1) ?? [];
}

describe('every route of the agent refuses what it should', () => {
  const data = tempDir('security-data');
  let agent: TestAgent;
  let reader: TestSession;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    agent = await startTestAgent(data.path, []);
    reader = await agent.signIn('rita', 'reader');
    routes = routeInventory(createApp(agent.agent, { buildDir: BUILD_DIR })).filter((r) =>
      r.path.startsWith('/api'),
    );
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  it('finds the routes (the inventory is not empty, and covers every router)', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/scans',
        'POST /api/folders',
        'PUT /api/settings/:key',
        'POST /api/users',
        'GET /api/pairing',
      ]),
    );
    expect(routes.length).toBeGreaterThan(25);
  });

  it('guards every route but the public ones with a session or admin check', () => {
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (PUBLIC.has(name)) continue;
      expect(route.guards.has(requireSession) || route.guards.has(requireAdmin), name).toBe(true);
    }
  });

  it('refuses each state-changing route with no session', async () => {
    for (const route of routes.filter(
      (r) => STATE_CHANGING.has(r.method) && !PUBLIC.has(`${r.method} ${r.path}`),
    )) {
      const response = await fetch(`${agent.url}${concrete(route.path)}`, {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it('refuses each state-changing route with a session but no CSRF token', async () => {
    for (const route of routes.filter(
      (r) => STATE_CHANGING.has(r.method) && !PUBLIC.has(`${r.method} ${r.path}`),
    )) {
      const response = await fetch(`${agent.url}${concrete(route.path)}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', cookie: agent.admin.cookie },
        body: '{}',
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
      expect(((await response.json()) as { error: string }).error).toBe('csrf');
    }
  });

  it('refuses a reader on every admin route', async () => {
    const admin = routes.filter((r) => r.guards.has(requireAdmin));
    expect(admin.length).toBeGreaterThan(10);
    for (const route of admin) {
      const response = await reader.fetch(concrete(route.path), {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { body: '{}' }),
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it('refuses every method on /db with no session', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${agent.url}/db/catalog/_all_docs`, { method });
      expect(response.status, method).toBe(401);
    }
  });

  it('sends security headers: a strict content security policy, no framing, no sniffing', async () => {
    const response = await fetch(`${agent.url}/api/session`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // The EPUB reader's chapters inherit this policy: the book's own files (blob: URLs) load,
    // the network does not (a remote image, font or fetch in a book is refused).
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    expect(directive(csp, 'style-src')).toContain('blob:');
    expect(directive(csp, 'font-src')).toContain('blob:');
    expect(directive(csp, 'script-src')).not.toContain('blob:');
    expect(directive(csp, 'base-uri')).toEqual(["'self'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
