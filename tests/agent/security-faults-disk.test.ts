import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bookDocId } from '#core/schema/book-doc';
import type { Job } from '../../agent/jobs/types';
import { CatalogStore } from '../../agent/catalog/catalog-store';
import { pouchFor } from '../../agent/catalog/pouch';
import { nodeFileOps } from '../../agent/rename/file-ops';
import { asDiskFull, DiskFullError, isDiskFull } from '../../agent/storage/disk-full';
import { makeEpub } from '../support/make-epub';
import { PATTERN, tree } from '../support/rename-library';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

const BOOKS = 24;
/** The default of SQLite's page limit: "no limit" for these tests. */
const NO_PAGE_LIMIT = 1_073_741_823;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();

    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(25);
  }
}

async function jobsOf(session: TestSession): Promise<Job[]> {
  const response = await session.fetch('/api/jobs');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/json/);
  return (await response.json()) as Job[];
}

/** The job of this kind once it is in `state`, as `GET /api/jobs` reports it. */
function jobInState(session: TestSession, kind: string, state: Job['state'], ms?: number) {
  return waitFor(
    `a ${kind} job ${state}`,
    async () => (await jobsOf(session)).find((j) => j.kind === kind && j.state === state),
    ms,
  );
}

async function writeBooks(dir: string, count: number, prefix = 'in/book'): Promise<string[]> {
  const rels: string[] = [];
  for (let i = 0; i < count; i++) {
    const rel = `${prefix}-${String(i).padStart(3, '0')}.epub`;
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(
      join(dir, rel),
      await makeEpub({ title: `Book ${i}`, authors: [`Author ${String.fromCharCode(65 + i)}`] }),
    );
    rels.push(rel);
  }
  return rels;
}

/** Books the agent cataloged: file index rows that read fine, and their catalog documents. */
async function cataloged(t: TestAgent): Promise<{ rows: string[]; docs: number }> {
  const { ctx } = t.agent;
  const rows = ctx.db
    .prepare<[], { rel_path: string; book_id: string }>(
      "SELECT rel_path, book_id FROM files WHERE status = 'ok' ORDER BY rel_path",
    )
    .all();
  const found = await ctx.catalog.db.allDocs({
    keys: rows.map((r) => bookDocId(ctx.library, r.book_id)),
  });
  const docs = found.rows.filter((r) => 'id' in r && !('error' in r)).length;
  return { rows: rows.map((r) => r.rel_path), docs };
}

async function batchOf(session: TestSession, id: string) {
  const response = await session.fetch(`/api/rename/batches/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { batch: { state: string; counts: Record<string, number> } })
    .batch;
}

/** The event stream as the app reads it: every job report it carries, as they come. */
function followEvents(session: TestSession) {
  const seen: Job[] = [];
  const stop = new AbortController();
  const done = (async () => {
    const response = await session.fetch('/api/events', { signal: stop.signal });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) return;
      buffer += chunk.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        if (data) seen.push(JSON.parse(data) as Job);
        buffer = buffer.slice(end + 2);
      }
    }
  })().catch(() => {});
  return {
    seen,
    async close() {
      stop.abort();
      await done;
    },
  };
}

/**
 * Makes the agent's database full for real, with `room` pages left: SQLite's
 * page limit, then filler rows up to it (one page each, then small ones into
 * what is left), then `room` of the big ones deleted. SQLite itself then
 * answers SQLITE_FULL once those pages are used.
 */
function fillDatabase(db: Database.Database, room: number): void {
  db.exec('CREATE TABLE filler (b BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const insert = db.prepare('INSERT INTO filler (b) VALUES (?)');
  for (const size of [3000, 1000, 300, 50, 1]) {
    for (;;) {
      try {
        insert.run(new Uint8Array(size));
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_FULL') throw error;
        break;
      }
    }
  }
  db.prepare('DELETE FROM filler WHERE rowid IN (SELECT rowid FROM filler LIMIT ?)').run(room);
}

/**
 * Tries again after a full disk within a fraction of a second, not a minute;
 * and only by the clock: the real disk here is not full, and its free space
 * moves with whatever else the machine does.
 */
function retryQuickly(t: TestAgent): void {
  Object.assign(t.agent.runner.space.policy, {
    checkMs: 25,
    retryMs: 150,
    maxRetryMs: 150,
    grownBytes: Number.POSITIVE_INFINITY,
  });
}

describe('security: disk full', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function agentWith(books: number, prefix?: string) {
    const library = tempDir('disk-full-library');
    const data = tempDir('disk-full-data');
    const rels = await writeBooks(library.path, books, prefix);
    const t = await startTestAgent(data.path, [library.path]);
    cleanups.push(library.remove, data.remove, () => t.close());
    retryQuickly(t);
    return { t, library: library.path, data: data.path, rels };
  }

  it('a scan that fills the database pauses with a disk-full state, the agent keeps answering, and it finishes when space returns', async () => {
    // Long names: the rows of a few books then need more than the pages the tables already have.
    const { t, rels } = await agentWith(BOOKS, `in/${'a rather long title '.repeat(8)}`);
    const db = t.agent.ctx.db;
    const events = followEvents(t.admin);
    cleanups.push(() => events.close());
    fillDatabase(db, 2);

    const started = await t.admin.fetch('/api/scans', { method: 'POST' });
    expect(started.status).toBe(202);
    const paused = await jobInState(t.admin, 'scan', 'paused');
    expect(paused.pause).toMatchObject({
      reason: 'disk-full',
      message: expect.stringMatching(/full/),
    });
    expect(paused.attempts).toBe(0);
    const partly = await cataloged(t);
    expect(partly.rows.length).toBeLessThan(BOOKS);

    // Still answering, in JSON, while paused; and not done: each retry finds the disk full again.
    await sleep(400);
    const status = await t.admin.fetch('/api/status');
    expect(status.status).toBe(200);
    expect(((await status.json()) as { name: string }).name).toBe('colophon');
    const again = await t.admin.fetch('/api/scans', { method: 'POST' });
    expect(again.status).toBe(202);
    expect(((await again.json()) as Job).id).toBe(paused.id);
    expect(['paused', 'running']).toContain(
      (await jobsOf(t.admin)).find((j) => j.id === paused.id)?.state,
    );
    expect(events.seen.some((j) => j.id === paused.id && j.state === 'paused')).toBe(true);

    // Space returns: the same job resumes from its checkpoint and catalogs every book.
    db.pragma(`max_page_count = ${NO_PAGE_LIMIT}`);
    db.exec('DROP TABLE filler');
    const done = await jobInState(t.admin, 'scan', 'done');
    expect(done.id).toBe(paused.id);
    expect(done.pauses).toBeGreaterThanOrEqual(1);
    expect(done.attempts).toBe(1);
    const all = await cataloged(t);
    expect(all.rows).toEqual(rels);
    expect(all.docs).toBe(BOOKS);
    expect(events.seen.some((j) => j.id === paused.id && j.state === 'done')).toBe(true);
    const log = (await (await t.admin.fetch(`/api/log?job=${paused.id}`)).json()) as {
      kind: string;
    }[];
    // The pause itself could not be logged (the log is in the full database); the resume is.
    expect(log.map((l) => l.kind)).toContain('job.resuming');
  });

  it('a rename batch that meets a full disk pauses with every file moved or in place, and finishes when space returns', async () => {
    const { t, library } = await agentWith(6);
    await t.scan();
    const before = Object.values(tree(library).files).sort();
    const body = { pattern: PATTERN, onConflict: 'suffix', profile: 'linux' };
    const preview = (await (
      await t.admin.fetch('/api/rename/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { batchId: string; planHash: string; summary: { move: number } };
    expect(preview.summary.move).toBe(6);

    // The disk fills after the third move (the file system says ENOSPC), and frees up later.
    let freed = false;
    let links = 0;
    const link = nodeFileOps.link;
    vi.spyOn(nodeFileOps, 'link').mockImplementation(async (from, to) => {
      if (++links > 3 && !freed)
        throw Object.assign(new Error(`ENOSPC: no space left on device, link '${String(from)}'`), {
          code: 'ENOSPC',
          errno: -28,
          path: String(to),
        });
      return link(from, to);
    });

    const run = await t.admin.fetch('/api/rename', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, batchId: preview.batchId, planHash: preview.planHash }),
    });
    expect(run.status).toBe(202);
    const paused = await jobInState(t.admin, 'rename', 'paused');
    expect(paused.pause?.reason).toBe('disk-full');
    const batch = await batchOf(t.admin, preview.batchId);
    expect(batch.state).toBe('running');
    expect(batch.counts.failed).toBe(0);
    expect(batch.counts.planned).toBe(3);
    expect((batch.counts.moved ?? 0) + (batch.counts.committed ?? 0)).toBe(3);
    // Every book is somewhere, once: three at their new names, three where they were.
    const during = tree(library).files;
    expect(Object.values(during).sort()).toEqual(before);
    expect(Object.keys(during).filter((rel) => rel.startsWith('in/'))).toHaveLength(3);

    // Not done while the disk stays full (each retry finds it full again), and nothing failed.
    await sleep(500);
    expect(['paused', 'running']).toContain(
      (await jobsOf(t.admin)).find((j) => j.id === paused.id)?.state,
    );
    expect(links).toBeGreaterThan(5);

    freed = true;
    const done = await jobInState(t.admin, 'rename', 'done');
    expect(done.id).toBe(paused.id);
    const finished = await batchOf(t.admin, preview.batchId);
    expect(finished).toMatchObject({
      state: 'done',
      counts: { committed: 6, planned: 0, failed: 0 },
    });
    const after = tree(library).files;
    expect(Object.values(after).sort()).toEqual(before);
    expect(Object.keys(after).some((rel) => rel.startsWith('in/'))).toBe(false);
    // The file index and the catalog followed every move.
    const rows = t.agent.ctx.db
      .prepare<[], { rel_path: string }>('SELECT rel_path FROM files ORDER BY rel_path')
      .all()
      .map((r) => r.rel_path);
    expect(rows).toEqual(Object.keys(after).sort());
  });

  it('a request that meets a full disk is answered JSON 507 with what to do, and the agent stays up', async () => {
    const { t } = await agentWith(1);
    vi.spyOn(t.agent.runner.store, 'enqueue').mockImplementation(() => {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    });
    const response = await t.admin.fetch('/api/scans', { method: 'POST' });
    expect(response.status).toBe(507);
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('disk-full');
    expect(body.message).toMatch(/full: free some space/);
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|at .*\.ts|\/tmp\//);
    vi.restoreAllMocks();
    expect((await t.admin.fetch('/api/scans', { method: 'POST' })).status).toBe(202);
  });

  it('a full disk met outside any job (a setting saved) is a JSON 507 too, not a 500', async () => {
    const { t } = await agentWith(1);
    const save = () =>
      t.admin.fetch('/api/settings/scanIntervalHours', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value: 6 }),
      });
    vi.spyOn(t.agent.settings, 'set').mockImplementation(() => {
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    });
    const refused = await save();
    expect(refused.status).toBe(507);
    expect(((await refused.json()) as { error: string }).error).toBe('disk-full');
    vi.restoreAllMocks();
    expect((await save()).status).toBe(200);
  });

  describe('on a real, small file system', () => {
    /** A tmpfs mounted at `at` (a new folder by default), or why it cannot be (not root, no mount). */
    function mountTmpfs(options: string, at?: string): { path: string; unmount(): void } | string {
      const dir = at ? undefined : tempDir('disk-full-tmpfs');
      const path = at ?? (dir as { path: string }).path;
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'pipe' });
      } catch (error) {
        dir?.remove();
        return String((error as { stderr?: Buffer }).stderr ?? error).trim();
      }
      return {
        path,
        unmount() {
          execFileSync('umount', ['-l', path]);
          dir?.remove();
        },
      };
    }

    const PAGE = 4096;

    /** Writes `size`-byte files into `dir` until the file system says ENOSPC; returns them. */
    function writeUntilFull(dir: string, size: number): string[] {
      const written: string[] = [];
      for (;;) {
        const file = join(dir, `filler-${size}-${written.length}`);
        try {
          writeFileSync(file, new Uint8Array(size));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          rmSync(file, { force: true });
          return written;
        }
        written.push(file);
      }
    }

    /**
     * Fills the file system holding `dir` for real (ENOSPC): 64 KiB files,
     * then one-page files for the last bytes, so a test can free an exact amount.
     */
    function fill(dir: string): { big: string[]; pages: string[] } {
      const big = writeUntilFull(dir, 64 * 1024);
      const last = big.pop();
      if (last) rmSync(last);
      return { big, pages: writeUntilFull(dir, PAGE) };
    }

    const probe = mountTmpfs('size=1m');
    const unavailable = typeof probe === 'string' ? probe : undefined;
    if (typeof probe !== 'string') probe.unmount();

    it.skipIf(unavailable !== undefined)(
      `the data folder's disk fills during a scan: it pauses, and resumes once files are deleted (tmpfs${unavailable ? `; skipped: ${unavailable}` : ''})`,
      async () => {
        const mount = mountTmpfs('size=24m');
        if (typeof mount === 'string') throw new Error(mount);
        cleanups.push(() => mount.unmount());
        const library = tempDir('disk-full-library');
        cleanups.push(library.remove);
        const rels = await writeBooks(library.path, BOOKS);
        const data = join(mount.path, 'data');
        const t = await startTestAgent(data, [library.path]);
        cleanups.push(() => t.close());
        // Only the measured free space may resume it here: no blind retries within the test.
        // No reserve: SQLite itself meets the full disk (SQLITE_FULL from ENOSPC).
        Object.assign(t.agent.runner.space.policy, {
          checkMs: 50,
          retryMs: 10 * 60_000,
          maxRetryMs: 10 * 60_000,
          grownBytes: 512 * 1024,
          reserveBytes: 0,
        });
        const fillers = join(mount.path, 'fillers');
        mkdirSync(fillers);
        const { pages } = fill(fillers);

        const started = await t.admin.fetch('/api/scans', { method: 'POST' });
        expect([202, 507]).toContain(started.status);
        // Even queueing the scan may not fit: the answer says so; free a page at a time till it does.
        for (let answer = started; answer.status === 507;) {
          rmSync(pages.pop() ?? '');
          answer = await t.admin.fetch('/api/scans', { method: 'POST' });
        }
        const paused = await jobInState(t.admin, 'scan', 'paused');
        expect(paused.pause?.reason).toBe('disk-full');
        expect((await t.admin.fetch('/api/status')).status).toBe(200);

        rmSync(fillers, { recursive: true });
        const done = await jobInState(t.admin, 'scan', 'done', 60_000);
        expect(done.id).toBe(paused.id);
        const all = await cataloged(t);
        expect(all.rows).toEqual(rels);
        expect(all.docs).toBe(BOOKS);
      },
      90_000,
    );

    it.skipIf(unavailable !== undefined)(
      `below its reserve of free space a scan pauses before the databases meet a full disk, and after space returns and a restart every book is there (tmpfs${unavailable ? `; skipped: ${unavailable}` : ''})`,
      async () => {
        const mount = mountTmpfs('size=24m');
        if (typeof mount === 'string') throw new Error(mount);
        cleanups.push(() => mount.unmount());
        const library = tempDir('disk-full-library');
        cleanups.push(library.remove);
        const rels = await writeBooks(library.path, BOOKS);
        const data = join(mount.path, 'data');
        let t = await startTestAgent(data, [library.path]);
        cleanups.push(() => t.close());
        const policy = {
          checkMs: 50,
          retryMs: 10 * 60_000,
          maxRetryMs: 10 * 60_000,
          grownBytes: 256 * 1024,
          reserveBytes: 4 * 1024 ** 2,
          reserveCheckMs: 0,
        };
        Object.assign(t.agent.runner.space.policy, policy);
        const fillers = join(mount.path, 'fillers');
        mkdirSync(fillers);
        // 2 MiB left: room for everything the scan writes, but less than the reserve.
        for (const file of fill(fillers).big.slice(0, 32)) rmSync(file);

        expect((await t.admin.fetch('/api/scans', { method: 'POST' })).status).toBe(202);
        const paused = await jobInState(t.admin, 'scan', 'paused');
        expect(paused.pause?.reason).toBe('disk-full');
        expect((await cataloged(t)).docs).toBe(0);

        rmSync(fillers, { recursive: true });
        const done = await jobInState(t.admin, 'scan', 'done', 60_000);
        expect(done.id).toBe(paused.id);
        expect((await cataloged(t)).docs).toBe(BOOKS);

        // Nothing lost on the way: after a restart the catalog still has every book.
        await t.close();
        t = await startTestAgent(data, []);
        const all = await cataloged(t);
        expect(all.rows).toEqual(rels);
        expect(all.docs).toBe(BOOKS);
      },
      90_000,
    );

    it.skipIf(unavailable !== undefined)(
      `a rename onto a full disk (a copy across file systems) pauses, and finishes once space is freed (tmpfs${unavailable ? `; skipped: ${unavailable}` : ''})`,
      async () => {
        const { t, library } = await agentWith(6);
        // The library's Archive folder is another, small file system: moving there copies.
        const archive = join(library, 'Archive');
        mkdirSync(archive);
        const mount = mountTmpfs('size=1m', archive);
        if (typeof mount === 'string') throw new Error(mount);
        cleanups.push(() => mount.unmount());
        await t.scan();
        const before = Object.values(tree(library).files).sort();
        Object.assign(t.agent.runner.space.policy, {
          checkMs: 50,
          retryMs: 10 * 60_000,
          maxRetryMs: 10 * 60_000,
          grownBytes: 64 * 1024,
        });
        const fillers = join(archive, '.fillers');
        mkdirSync(fillers);
        // Room for two books (a page each), not six.
        for (const page of fill(fillers).pages.slice(0, 2)) rmSync(page);

        const body = { pattern: `Archive/${PATTERN}`, onConflict: 'suffix', profile: 'linux' };
        const preview = (await (
          await t.admin.fetch('/api/rename/preview', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          })
        ).json()) as { batchId: string; planHash: string };
        const run = await t.admin.fetch('/api/rename', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, batchId: preview.batchId, planHash: preview.planHash }),
        });
        expect(run.status).toBe(202);
        const paused = await jobInState(t.admin, 'rename', 'paused');
        const batch = await batchOf(t.admin, preview.batchId);
        expect(batch).toMatchObject({ state: 'running', counts: { failed: 0, planned: 4 } });
        const during = tree(library).files;
        const books = (files: Record<string, string>) =>
          Object.entries(files).filter(([rel]) => !rel.includes('.fillers/'));
        // Every book once: two copied to the archive, four where they were, no partial copy left.
        expect(
          books(during)
            .map(([, hash]) => hash)
            .sort(),
        ).toEqual(before);
        expect(books(during).filter(([rel]) => rel.startsWith('Archive/'))).toHaveLength(2);
        expect(Object.keys(during).some((rel) => rel.includes('.colophon-partial-'))).toBe(false);

        rmSync(fillers, { recursive: true });
        const done = await jobInState(t.admin, 'rename', 'done', 60_000);
        expect(done.id).toBe(paused.id);
        expect(await batchOf(t.admin, preview.batchId)).toMatchObject({
          state: 'done',
          counts: { committed: 6, planned: 0, failed: 0 },
        });
        const after = Object.entries(tree(library).files);
        expect(after.map(([, hash]) => hash).sort()).toEqual(before);
        expect(after.every(([rel]) => rel.startsWith('Archive/'))).toBe(true);
      },
      90_000,
    );

    it.skipIf(unavailable !== undefined)(
      `PouchDB's store (LevelDB) on a full disk fails with an error recognised as a full disk (tmpfs${unavailable ? `; skipped: ${unavailable}` : ''})`,
      async () => {
        const mount = mountTmpfs('size=2m');
        if (typeof mount === 'string') throw new Error(mount);
        cleanups.push(() => mount.unmount());
        const db = new (pouchFor(join(mount.path, 'data')))('catalog');
        cleanups.push(() => db.close());
        await db.put({ _id: 'before' });
        fill(mount.path);
        const docs = Array.from({ length: 50 }, (_, i) => ({
          _id: `d${i}`,
          text: 'x'.repeat(20_000),
        }));
        const error = await db.bulkDocs(docs).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeDefined();
        expect(isDiskFull(error)).toBe(true);
        expect(asDiskFull(error)).toBeInstanceOf(DiskFullError);
      },
      30_000,
    );

    it.skipIf(unavailable !== undefined)(
      `a catalog write that meets a full disk reopens the store, so what is written once space returns survives a restart (tmpfs${unavailable ? `; skipped: ${unavailable}` : ''})`,
      async () => {
        const mount = mountTmpfs('size=2m');
        if (typeof mount === 'string') throw new Error(mount);
        cleanups.push(() => mount.unmount());
        const Pouch = pouchFor(join(mount.path, 'data'));
        const store = new CatalogStore(new Pouch('catalog'), 'lib', () => new Pouch('catalog'));
        await store.upsert([{ _id: 'before' }]);
        const { big } = fill(mount.path);
        const big20k = Array.from({ length: 50 }, (_, i) => ({
          _id: `d${i}`,
          text: 'x'.repeat(20_000),
        }));
        const error = await store.upsert(big20k).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isDiskFull(error)).toBe(true);
        for (const file of big) rmSync(file);
        for (let i = 0; i < 60; i++) await store.upsert([{ _id: `after-${i}` }]);
        await store.db.close();
        // As after a restart: LevelDB replays its log.
        const reopened = new Pouch('catalog');
        cleanups.push(() => reopened.close());
        const after = await reopened.allDocs({ startkey: 'after-', endkey: 'after-\uffff' });
        expect(after.rows).toHaveLength(60);
      },
      30_000,
    );
  });
});
