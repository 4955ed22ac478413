import type { Server } from 'node:http';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { openAgent, type Agent } from '../../agent/agent';
import type { Role } from '../../agent/auth/users';
import { addFolder } from '../../agent/folders/folders';
import type { Job } from '../../agent/jobs/types';
import { createApp, type AppOptions } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';
import { SESSION_COOKIE } from '../../agent/server/session-middleware';

PouchDB.plugin(memoryAdapter);

export const TEST_PASSWORD = 'correct horse battery';

/** A signed-in user of a test agent: its cookie and CSRF token. */
export interface TestSession {
  cookie: string;
  csrf: string;
  /** fetch on the agent as this user (cookie always, CSRF token on state-changing methods). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A PouchDB over HTTP on one of the agent's databases, as this user. */
  remote(db: string): PouchDB.Database;
}

export interface TestAgent {
  url: string;
  agent: Agent;
  /** The admin the agent was started with. */
  admin: TestSession;
  /** Adds a user and signs them in. */
  signIn(username: string, role: Role): Promise<TestSession>;
  /** Runs a scan of every folder to the end (covers included) and returns the finished scan job. */
  scan(): Promise<Job>;
  close(): Promise<void>;
}

function sessionFor(url: string, token: string, csrf: string): TestSession {
  const cookie = `${SESSION_COOKIE}=${token}`;
  const headersFor = (method: string, extra?: HeadersInit) => {
    const headers = new Headers(extra);
    headers.set('cookie', cookie);
    if (!['GET', 'HEAD'].includes(method)) headers.set('x-csrf-token', csrf);
    return headers;
  };
  return {
    cookie,
    csrf,
    fetch: (path, init = {}) =>
      fetch(`${url}${path}`, { ...init, headers: headersFor(init.method ?? 'GET', init.headers) }),
    remote: (db) =>
      new PouchDB(`${url}/db/${db}`, {
        skip_setup: true,
        fetch: (u: string | Request, options?: RequestInit) =>
          PouchDB.fetch(u, {
            ...options,
            headers: headersFor(options?.method ?? 'GET', options?.headers),
          }),
      } as PouchDB.Configuration.RemoteDatabaseConfiguration),
  };
}

/** The real agent (SQLite file, PouchDB store, job runner, express) in this process, on a random port. */
export async function startTestAgent(
  dataDir: string,
  folders: string[],
  options: Partial<AppOptions> = {},
): Promise<TestAgent> {
  const agent = await openAgent(dataDir);
  for (const folder of folders) addFolder(agent.ctx.db, folder);
  agent.runner.start();
  const app = createApp(agent, { buildDir: BUILD_DIR, ...options });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  const signIn = async (username: string, role: Role) => {
    const user =
      agent.auth.users.byName(username) ??
      (await agent.auth.users.add(username, TEST_PASSWORD, role));
    const { token, csrf } = agent.auth.sessions.create(user);
    return sessionFor(url, token, csrf);
  };
  return {
    url,
    agent,
    admin: await signIn('admin', 'admin'),
    signIn,
    async scan() {
      const job = agent.scan();
      await agent.runner.idle();
      return agent.runner.store.get(job.id) as Job;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
