import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openAgent } from '../../agent/agent';
import { LOCK_FILE } from '../../agent/data-dir-lock';
import { addFolder } from '../../agent/folders/folders';
import { INTERNAL_MESSAGE } from '../../agent/server/error-answer';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'agent/bin/colophon.js');

/** A line of a stack trace, in any of the shapes V8 prints. */
const STACK_LINE = /^\s*at .+(:\d+:\d+\)?|\(native\))$/m;

async function colophon(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** garbage where colophon.sqlite should be: what a disk error or a bad copy leaves. */
function corruptDatabase(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'colophon.sqlite');
  writeFileSync(file, 'x'.repeat(8192));
  return file;
}

describe('security: errors and start-up', () => {
  describe('every error a client gets is JSON, without a stack or a server path', () => {
    const data = tempDir('errors-data');
    const library = tempDir('errors-library');
    let agent: TestAgent;
    let folderId: string;

    beforeAll(async () => {
      agent = await startTestAgent(data.path, []);
      folderId = addFolder(agent.agent.ctx.db, library.path).id;
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });
    afterAll(async () => {
      await agent.close();
      data.remove();
      library.remove();
    });

    /** The answer as text: JSON, with no stack line and none of this machine's paths. */
    async function plainJson(response: Response): Promise<Record<string, unknown>> {
      const text = await response.text();
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(text).not.toMatch(STACK_LINE);
      for (const path of [data.path, library.path, ROOT, tmpdir(), 'node_modules'])
        expect(text).not.toContain(path);
      return JSON.parse(text) as Record<string, unknown>;
    }

    const post = (path: string, body: string) =>
      agent.admin.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });

    it('malformed JSON is a 400 that says so, without echoing the input', async () => {
      const response = await post('/api/scans', `{"title": "${'secret '.repeat(500)}`);
      expect(response.status).toBe(400);
      const body = await plainJson(response);
      expect(body.error).toBe('bad-json');
      expect(body.message).toMatch(/^The request body is not valid JSON: /);
      expect(body.message).not.toContain('secret');
    });

    it('a 200 KB body is a 413 that says how much is accepted', async () => {
      const response = await post('/api/scans', JSON.stringify({ pad: 'x'.repeat(200 * 1024) }));
      expect(response.status).toBe(413);
      const body = await plainJson(response);
      expect(body.error).toBe('too-large');
      expect(body.message).toMatch(/too large: at most \d+(\.\d)? (KB|MB) is accepted here/);
    });

    it('an unsupported charset or content encoding is a 415', async () => {
      const charset = await agent.admin.fetch('/api/scans', {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=ebcdic' },
        body: '{}',
      });
      expect(charset.status).toBe(415);
      expect((await plainJson(charset)).error).toBe('unsupported-charset');
      const encoding = await agent.admin.fetch('/api/scans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'lzma' },
        body: '{}',
      });
      expect(encoding.status).toBe(415);
      expect((await plainJson(encoding)).error).toBe('unsupported-encoding');
    });

    it('a bad % escape in the address is a 400', async () => {
      const response = await agent.admin.fetch('/api/files/x/%E0%A4%A');
      expect(response.status).toBe(400);
      const body = await plainJson(response);
      expect(body.error).toBe('bad-url');
      expect(body.message).toMatch(/malformed % escape/);
    });

    it('under /db, an error answer also carries `reason`, which CouchDB clients read', async () => {
      // Looking the session up fails before the /db router (SQLite busy, say).
      vi.spyOn(agent.agent.auth.sessions, 'find').mockImplementation(() => {
        throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      });
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const response = await agent.admin.fetch('/db/catalog');
      expect(response.status).toBe(500);
      expect(await plainJson(response)).toEqual({
        error: 'internal',
        message: INTERNAL_MESSAGE,
        reason: INTERNAL_MESSAGE,
      });
    });

    it('an unexpected error in a route is a 500 "internal", logged in full on stderr', async () => {
      const fault = new Error(`EACCES: permission denied, open '${data.path}/settings.json'`);
      vi.spyOn(agent.agent.settings, 'visible').mockImplementation(() => {
        throw fault;
      });
      const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const response = await agent.admin.fetch('/api/settings');
      expect(response.status).toBe(500);
      expect(await plainJson(response)).toEqual({ error: 'internal', message: INTERNAL_MESSAGE });
      expect(log.mock.calls.flat()).toContain(fault);
    });

    it('so is a rejected promise in an async route', async () => {
      const fault = new Error(`ENOENT: no such file or directory, open '${data.path}/x'`);
      vi.spyOn(agent.agent.auth.users, 'add').mockRejectedValue(fault);
      const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const response = await post(
        '/api/users',
        JSON.stringify({
          username: 'someone',
          password: 'a long enough password 1',
          role: 'reader',
        }),
      );
      expect(response.status).toBe(500);
      expect(await plainJson(response)).toEqual({ error: 'internal', message: INTERNAL_MESSAGE });
      expect(log.mock.calls.flat()).toContain(fault);
    });

    it('a library folder that has gone away does not show its path', async () => {
      rmSync(library.path, { recursive: true, force: true });
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const response = await agent.admin.fetch(`/api/files/${folderId}/book.epub`);
      expect(response.status).toBeGreaterThanOrEqual(400);
      await plainJson(response);
    });

    it('what no route answers is a JSON 404', async () => {
      const response = await agent.admin.fetch('/nothing/here', { method: 'POST' });
      expect(response.status).toBe(404);
      expect((await plainJson(response)).error).toBe('not-found');
    });
  });

  describe('a damaged colophon.sqlite', () => {
    const data = tempDir('damaged-db');
    afterAll(() => data.remove());

    it('is refused at open, naming the file and what to do', async () => {
      const file = corruptDatabase(data.path);
      const opening = openAgent(data.path);
      await expect(opening).rejects.toMatchObject({ name: 'StartupError' });
      const message = await opening.then(
        () => '',
        (error: Error) => error.message,
      );
      expect(message).toContain(file);
      expect(message).toMatch(/is damaged/);
      expect(message).toMatch(/not touched/);
      expect(message).toMatch(/restore .* from a backup/);
      expect(message).toMatch(/move .* aside/);
      expect(message).toMatch(/loses/);
      // The failed open let go of the data dir: once the file is moved aside, it opens.
      rmSync(file);
      const agent = await openAgent(data.path);
      await agent.close();
    });

    it('makes `colophon serve` exit 1 with that message and no stack', async () => {
      const file = corruptDatabase(data.path);
      const { code, output } = await colophon('serve', '--data', data.path, '--port', '0');
      expect(code).toBe(1);
      expect(output).toContain(`The agent's database ${file} is damaged`);
      expect(output).not.toMatch(STACK_LINE);
      expect(output).not.toMatch(/SqliteError|SQLITE_NOTADB/);
    }, 60_000);
  });

  describe('a second agent on the same data folder', () => {
    const data = tempDir('second-agent');
    afterAll(() => data.remove());
    const inUse = (pid: number) =>
      new RegExp(
        `another agent \\(pid ${pid}\\) is using ${data.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        'i',
      );

    it('in the same process is refused, and the first keeps working', async () => {
      const first = await openAgent(data.path);
      try {
        await expect(openAgent(data.path)).rejects.toThrow(inUse(process.pid));
        // The refused open touched nothing of the first's: its catalog is still open.
        await expect(first.ctx.catalog.ensureSchema()).resolves.not.toThrow();
      } finally {
        await first.close();
      }
      expect(existsSync(join(data.path, LOCK_FILE))).toBe(false);
      // Closed, the data dir opens again in this process.
      const again = await openAgent(data.path);
      await again.close();
    });

    it('as `colophon serve` exits 1 saying which pid holds it, without a stack', async () => {
      const holder = await openAgent(data.path);
      try {
        const { code, output } = await colophon('serve', '--data', data.path, '--port', '0');
        expect(code).toBe(1);
        expect(output).toMatch(inUse(process.pid));
        expect(output).not.toMatch(STACK_LINE);
        expect(output).not.toMatch(/LOCK|Resource temporarily unavailable/);
      } finally {
        await holder.close();
      }
    }, 60_000);

    const staleLocks: [string, () => string][] = [
      ['left by a process that is gone', () => `${spawnSync('node', ['-e', '']).pid}\n`],
      // A copied data dir, or a container restarted: this pid, but not a lock this process took.
      ["with this process's pid, which it did not take", () => `${process.pid}\n`],
    ];
    // Only Linux's /proc says when a pid was started, which tells a reused pid apart.
    if (existsSync('/proc/self/stat'))
      staleLocks.push([
        'whose pid is now another program (a crash, then a reboot)',
        () => `${process.ppid}\nsome-earlier-boot/12345\n`,
      ]);
    it.each(staleLocks)('takes over a stale lock %s', async (_case, content) => {
      const lock = join(data.path, LOCK_FILE);
      writeFileSync(lock, content());
      const agent = await openAgent(data.path);
      try {
        expect(readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
      } finally {
        await agent.close();
      }
      expect(existsSync(lock)).toBe(false);
    });

    it("is refused with the same message when only LevelDB's own lock says so", async () => {
      // A process holding the catalog store without a lock file (an agent from before it).
      const store = join(data.path, 'pouch', 'catalog');
      const child: ChildProcess = spawn(
        'node',
        [
          '-e',
          `const P = require('pouchdb'); new P(${JSON.stringify(store)}).info().then(() => console.log('held')); setInterval(() => {}, 1000);`,
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout?.on('data', (chunk: Buffer) => {
            if (String(chunk).includes('held')) resolve();
          });
          child.once('exit', () => reject(new Error('the holder exited')));
        });
        await expect(openAgent(data.path)).rejects.toThrow(
          new RegExp(
            `another agent is using ${data.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
            'i',
          ),
        );
        expect(existsSync(join(data.path, LOCK_FILE))).toBe(false);
      } finally {
        child.kill();
      }
    }, 30_000);
  });
});
