import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAgent } from '../../agent/agent';
import { folderDoc } from '../../agent/catalog/book-docs';
import { addFolder, FolderError } from '../../agent/folders/folders';
import { forbiddenRootReason } from '../../agent/folders/forbidden-roots';
import type { Job } from '../../agent/jobs/types';
import type { Operation } from '../../agent/oplog/operation-log';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');
const POSIX = process.platform !== 'win32';
const FAILING_JOB = 'test.names-a-path';

describe('security: what a session may reach', () => {
  const data = tempDir('reach-data');
  const library = tempDir('reach-library');
  const outside = tempDir('reach-outside');
  let agent: TestAgent;
  let reader: TestSession;
  let folder: string;
  let scan: Job;

  /** The scan's problems, as the scanning page lists them. */
  async function problems(session: TestSession): Promise<Operation[]> {
    const log = (await (await session.fetch(`/api/log?job=${scan.id}`)).json()) as Operation[];
    return log.filter((op) => op.kind === 'scan.notice' || op.kind === 'book.unreadable');
  }

  beforeAll(async () => {
    writeFileSync(join(library.path, 'book.epub'), await makeEpub({ title: 'The Book' }));
    writeFileSync(join(library.path, 'private.txt'), 'my private notes');
    writeFileSync(join(outside.path, 'elsewhere.epub'), await makeEpub({ title: 'Elsewhere' }));
    symlinkSync(join(outside.path, 'elsewhere.epub'), join(library.path, 'link.epub'));
    symlinkSync(outside.path, join(library.path, 'linked-folder'));
    // A named pipe with a book's name: opening it would block the scan until someone writes.
    if (POSIX) {
      execFileSync('mkfifo', [join(library.path, 'pipe.epub')]);
      symlinkSync(join(library.path, 'pipe.epub'), join(library.path, 'pipe-link.epub'));
    }
    mkdirSync(join(data.path, 'inside'), { recursive: true });
    agent = await startTestAgent(data.path, [library.path]);
    reader = await agent.signIn('reader', 'reader');
    folder = (agent.agent.ctx.db.prepare('SELECT id FROM folders').get() as { id: string }).id;
    scan = await agent.scan();
    // A job that names a library path in its payload and its error, as a scan of a vanished folder does.
    agent.agent.runner.register(FAILING_JOB, async (ctx) => {
      throw new Error(`Cannot read ${String(ctx.job.payload.root)}/gone.epub.`);
    });
    agent.agent.runner.enqueue(FAILING_JOB, { root: library.path }, { maxAttempts: 1 });
    await agent.agent.runner.idle();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
    outside.remove();
  });

  describe('/api/files serves only what the catalog lists', () => {
    it('lets a reader download a book, but not a private file beside it', async () => {
      const book = await reader.fetch(`/api/files/${folder}/book.epub`);
      expect(book.status).toBe(200);
      expect((await book.arrayBuffer()).byteLength).toBeGreaterThan(0);
      for (const session of [reader, agent.admin]) {
        const response = await session.fetch(`/api/files/${folder}/private.txt`);
        expect(response.status).toBe(404);
        const body = (await response.json()) as { error: string; message: string };
        expect(body.error).toBe('not-found');
        expect(body.message).toMatch(/catalog/);
      }
    });

    it('refuses a book file the scan has not cataloged', async () => {
      writeFileSync(join(library.path, 'not-scanned-yet.epub'), await makeEpub({ title: 'New' }));
      const response = await reader.fetch(`/api/files/${folder}/not-scanned-yet.epub`);
      expect(response.status).toBe(404);
    });
  });

  describe('library folders', () => {
    const refusals: [string, () => string, RegExp][] = [
      ['the file-system root', () => '/', /root of the file system/],
      ['/etc', () => '/etc', /system folder/],
      ['a folder below /usr', () => '/usr/share', /inside the system folder \/usr/],
      ['a link that leads to /etc', () => join(outside.path, 'etc-link'), /leads to \/etc/],
      ['the data folder', () => data.path, /is the agent's data folder/],
      [
        'a folder inside the data folder',
        () => join(data.path, 'inside'),
        /inside the agent's data folder/,
      ],
      [
        'a folder holding the data folder',
        () => dirname(data.path),
        /contains the agent's data folder/,
      ],
    ];
    beforeAll(() => {
      if (POSIX) symlinkSync('/etc', join(outside.path, 'etc-link'));
    });

    it.skipIf(!POSIX).each(refusals)('refuses %s through the API', async (_name, path, reason) => {
      for (const route of ['/api/folders', '/api/folders/check']) {
        const response = await agent.admin.fetch(route, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ path: path() }),
        });
        expect(response.status, route).toBe(400);
        const body = (await response.json()) as { error: string; message: string };
        expect(body.error).toBe('invalid-folder');
        expect(body.message).toMatch(reason);
        expect(body.message).toMatch(/Pick|pick/);
      }
      const roots = (await (await agent.admin.fetch('/api/folders')).json()) as { root: string }[];
      expect(roots.map((f) => f.root)).toEqual([library.path]);
    });

    it.skipIf(!POSIX).each(refusals)('refuses %s in addFolder', (_name, path, reason) => {
      let error: unknown;
      try {
        addFolder(agent.agent.ctx.db, path());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FolderError);
      expect((error as FolderError).message).toMatch(reason);
    });

    it('refuses the Windows counterparts, and allows the temporary folder', () => {
      for (const path of ['C:\\', 'C:\\Windows', 'c:\\WINDOWS\\System32', 'D:\\Program Files\\x']) {
        expect(forbiddenRootReason(path, undefined, path, 'win32'), path).toBeDefined();
      }
      expect(forbiddenRootReason('D:\\Books', 'C:\\Colophon\\data', 'D:\\Books', 'win32')).toBe(
        undefined,
      );
      expect(
        forbiddenRootReason('C:\\Colophon', 'C:\\Colophon\\data', 'C:\\Colophon', 'win32'),
      ).toMatch(/contains the agent's data folder/);
      // Tests, and people trying Colophon out, keep libraries there (below /var on macOS).
      expect(forbiddenRootReason(library.path, data.path)).toBeUndefined();
      expect(forbiddenRootReason(realpathSync(library.path), data.path)).toBeUndefined();
    });

    it.skipIf(!POSIX)('the CLI prints why and exits non-zero', () => {
      const cli = tempDir('reach-cli');
      try {
        const run = spawnSync('node', [BIN, 'scan', '/etc', '--data', cli.path], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(/\/etc is a system folder/);
      } finally {
        cli.remove();
      }
    });
  });

  describe('what the scan catalogs', () => {
    it('does not catalog links that lead outside the library, and lists them as problems', async () => {
      const rows = agent.agent.ctx.db.prepare('SELECT rel_path FROM files').all() as {
        rel_path: string;
      }[];
      expect(rows.map((r) => r.rel_path)).toEqual(['book.epub']);
      const listed = await problems(agent.admin);
      for (const name of ['link.epub', 'linked-folder']) {
        const problem = listed.find((op) => op.subject === join(library.path, name));
        expect(problem?.message, name).toMatch(/leads outside the library/);
      }
      expect((await reader.fetch(`/api/files/${folder}/link.epub`)).status).toBe(404);
    });

    it.skipIf(!POSIX)('lists a named pipe as skipped, without reading it', async () => {
      expect(scan.state).toBe('done');
      const listed = await problems(agent.admin);
      for (const name of ['pipe.epub', 'pipe-link.epub']) {
        const problem = listed.find((op) => op.subject === join(library.path, name));
        expect(problem?.message, name).toMatch(/^Skipped: a named pipe/);
      }
    });
  });

  describe('absolute paths', () => {
    const roots = () => [library.path, realpathSync(library.path), data.path];
    const leaks = (text: string) => roots().filter((root) => text.includes(root));

    it('a reader sees none in status, folders, jobs and the operation log', async () => {
      for (const route of [
        '/api/status',
        '/api/folders',
        '/api/jobs',
        `/api/jobs/${scan.id}`,
        '/api/log',
      ]) {
        const response = await reader.fetch(route);
        expect(response.status, route).toBe(200);
        expect(leaks(await response.text()), route).toEqual([]);
      }
    });

    it('a reader sees folder names where an admin sees absolute paths', async () => {
      const name = basename(library.path);
      const statusOf = async (session: TestSession) =>
        ((await (await session.fetch('/api/status')).json()) as { folders: unknown }).folders;
      expect(await statusOf(reader)).toEqual([{ id: folder, root: name }]);
      expect(await statusOf(agent.admin)).toEqual([{ id: folder, root: library.path }]);
      const subjects = async (session: TestSession) =>
        (await problems(session)).map((op) => op.subject);
      expect(await subjects(reader)).toContain(`${name}/link.epub`);
      expect(await subjects(agent.admin)).toContain(join(library.path, 'link.epub'));
    });

    it('the catalog every reader replicates carries none', async () => {
      const docs = await reader.remote('catalog').allDocs({ include_docs: true });
      expect(docs.rows.length).toBeGreaterThan(1);
      expect(leaks(JSON.stringify(docs.rows))).toEqual([]);
    });

    it('a reader sees none in the live job stream', async () => {
      const abort = new AbortController();
      const response = await reader.fetch('/api/events', { signal: abort.signal });
      const stream = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (wanted: string) => {
        while (!text.includes(wanted)) {
          const { value, done } = await stream.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
        }
      };
      try {
        await readUntil('retry:');
        agent.agent.runner.enqueue(FAILING_JOB, { root: library.path }, { maxAttempts: 1 });
        await readUntil('"state":"failed"');
      } finally {
        abort.abort();
        await agent.agent.runner.idle();
      }
      expect(text).toContain(`${basename(library.path)}/gone.epub`);
      expect(leaks(text)).toEqual([]);
    });

    it('a reader sees a failed job name the folder, not its path', async () => {
      const jobs = (await (await reader.fetch('/api/jobs')).json()) as Job[];
      const failed = jobs.find((job) => job.kind === FAILING_JOB);
      expect(failed?.payload).toEqual({ root: basename(library.path) });
      expect(failed?.error).toContain(`${basename(library.path)}/gone.epub`);
    });
  });

  it('rewrites the folder documents an older agent wrote with absolute paths, history too', async () => {
    const oldData = tempDir('reach-old-data');
    const oldLibrary = tempDir('reach-old-library');
    try {
      let old = await openAgent(oldData.path);
      const added = addFolder(old.ctx.db, oldLibrary.path);
      const doc = { ...folderDoc(old.ctx.library, added), root: oldLibrary.path };
      const written = await old.ctx.catalog.db.put(doc);
      await old.close();
      old = await openAgent(oldData.path);
      try {
        const now = (await old.ctx.catalog.db.get(doc._id)) as { root: string };
        expect(now.root).toBe(basename(oldLibrary.path));
        // A reader may ask for earlier revisions: the old one is compacted away.
        await expect(old.ctx.catalog.db.get(doc._id, { rev: written.rev })).rejects.toThrow();
      } finally {
        await old.close();
      }
    } finally {
      oldData.remove();
      oldLibrary.remove();
    }
  });
});
