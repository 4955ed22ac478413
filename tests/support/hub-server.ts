import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import PouchDB from 'pouchdb';

const POUCHDB_SERVER = join(import.meta.dirname, '../../node_modules/.bin/pouchdb-server');
export const HUB_USER = 'hubadmin';
export const HUB_PASSWORD = 'hub-secret-8431';

/** Polls `read` until `done` says yes; fails with the last value after `ms`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 90_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < until) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `Waited in vain for ${what}; last seen: ${JSON.stringify(last)} ${lastError ? String(lastError) : ''}`,
  );
}

/**
 * pouchdb-server in memory: a CouchDB-protocol hub on 127.0.0.1. Its config
 * (the admin, so credentials matter) stays in its folder across a restart;
 * its databases do not, as a CouchDB whose disk was replaced.
 */
export class HubServer {
  private child?: ChildProcess;
  private configured = false;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<void> {
    const child = spawn(
      POUCHDB_SERVER,
      ['--in-memory', '-p', String(this.port), '-o', '127.0.0.1'],
      { cwd: this.dir, stdio: 'ignore' },
    );
    this.child = child;
    await waitFor(
      'the hub to answer',
      () => fetch(this.url).then((r) => r.status),
      (status) => status === 200,
      30_000,
    );
    // The admin is set on the first start; the config keeps it across restarts.
    if (!this.configured) {
      const set = await fetch(`${this.url}_config/admins/${HUB_USER}`, {
        method: 'PUT',
        body: JSON.stringify(HUB_PASSWORD),
      });
      if (!set.ok) throw new Error(`The hub refused its admin: ${set.status}`);
      this.configured = true;
    }
  }

  authorization(): string {
    return `Basic ${Buffer.from(`${HUB_USER}:${HUB_PASSWORD}`).toString('base64')}`;
  }

  /** A database on the hub, read as its admin. */
  db(name: string): PouchDB.Database {
    return new PouchDB(`${this.url}${name}`, {
      skip_setup: true,
      auth: { username: HUB_USER, password: HUB_PASSWORD },
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }
}
