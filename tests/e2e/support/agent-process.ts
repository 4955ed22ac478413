import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../../agent/bin/colophon.js');

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** An account a browser test signs in as. */
export interface Account {
  username: string;
  password: string;
}

/** Adds a user to a data dir as a person would, with `colophon user add` (before the agent starts, or while it runs). */
export function addUser(dataDir: string, account: Account, role: 'admin' | 'reader'): void {
  execFileSync('node', [
    BIN,
    'user',
    'add',
    account.username,
    '--role',
    role,
    '--password',
    account.password,
    '--data',
    dataDir,
  ]);
}

/** Port 9 (discard) is closed on 127.0.0.1: a lookup fails at once, as with no network. */
const OFFLINE_SOURCES = {
  COLOPHON_OPENLIBRARY_URL: 'http://127.0.0.1:9',
  COLOPHON_OPENLIBRARY_COVERS_URL: 'http://127.0.0.1:9',
  COLOPHON_GOOGLEBOOKS_URL: 'http://127.0.0.1:9',
  COLOPHON_COMICVINE_URL: 'http://127.0.0.1:9',
};

/** The real `colophon serve` in a child process, as a user runs it. */
export class AgentProcess {
  private child?: ChildProcess;
  output = '';

  /**
   * `env` adds to the agent's environment. The outside sources point at a
   * closed local port unless a test gives its own (a recorded-answer
   * server): browser tests never reach the real services.
   */
  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly libraryDirs: string[],
    readonly env: Record<string, string> = {},
    /** More `serve` flags (`--https`, `--name`, `--cert`…). */
    readonly args: string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The admin every browser test signs in as (made once, before the first start). */
  readonly admin = { username: 'admin', password: 'correct horse battery' };
  private adminMade = false;

  async start(): Promise<void> {
    if (!this.adminMade) {
      addUser(this.dataDir, this.admin, 'admin');
      this.adminMade = true;
    }
    const args = [BIN, 'serve', '--port', String(this.port), '--data', this.dataDir];
    for (const dir of this.libraryDirs) args.push('--library', dir);
    args.push(...this.args);
    const child = spawn('node', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...OFFLINE_SOURCES, ...this.env },
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`agent did not start:\n${this.output}`)),
        120_000,
      );
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (/Serving https?:\/\//.test(this.output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`agent exited (${code}):\n${this.output}`));
      });
    });
  }

  /** Stops the agent (SIGTERM, as a user's Ctrl-C) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.removeAllListeners('exit');
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }
}
