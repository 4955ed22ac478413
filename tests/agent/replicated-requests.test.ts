import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from '#core/api/jobs';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import type { Preview } from '#core/api/rename';
import { seenMoves } from '#core/rename/seen-plan';
import { requestDoc, type RequestBody, type RequestDoc } from '#core/schema/request-doc';
import { readRequestOutcomeDoc, requestOutcomeDocId } from '#core/schema/request-outcome-doc';
import { RENAME_JOB } from '../../agent/rename/rename-job';
import { renameService } from '../../agent/rename/rename-service';
import { LOOKUP_JOB } from '../../agent/metadata/lookups/lookup-job';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

interface Denied {
  id: string;
  reason: string;
}

/** A device's replica, in memory, as the browser's is in IndexedDB. */
const device = () => new PouchDB(`requests-${Math.random()}`, { adapter: 'memory' });

/** Sources switched on but unreachable: a lookup runs as a job and finds nothing. */
const UNREACHABLE_SOURCES = { COLOPHON_OPENLIBRARY_URL: 'http://127.0.0.1:9' };

let serial = 0;
const ask = (body: RequestBody, at = '2026-03-01T10:00:00.000Z'): RequestDoc =>
  requestDoc(body, {
    at: new Date(at),
    device: 'tablet',
    deviceName: 'Tablet',
    random: (serial++).toString(36).padStart(8, '0'),
  });

describe('requests of the agent written on devices, replicated, checked and carried out once', () => {
  const data = tempDir('replicated-requests-data');
  const library = tempDir('replicated-requests-library');
  const savedEnv = { ...process.env };
  let agent: TestAgent;
  let reader: TestSession;
  const books = new Map<string, BookDoc>();

  const book = (title: string) => books.get(title) as BookDoc;
  const short = (title: string) => book(title)._id.slice(book(title)._id.lastIndexOf(':') + 1);
  const adminDb = () => `user-${agent.agent.auth.users.byName('admin')?.id ?? ''}`;
  const readerDb = () => `user-${agent.agent.auth.users.byName('rita')?.id ?? ''}`;
  const manual = async (title: string) => {
    const catalog = agent.agent.ctx.catalog;
    return readEditDoc(await catalog.get(editDocId(catalog.library, short(title))));
  };
  const seriesOf = async (title: string) => {
    const sources = [...(await agent.agent.metadata.sources.read()).values()];
    return (await agent.agent.metadata.states.one(short(title), sources))?.merged.metadata.series;
  };
  /** Lookups of single books (the ones asked for; the background lookup names none). */
  const lookupJobs = () =>
    agent.agent.runner.store
      .list(1000)
      .filter((job: Job) => job.kind === LOOKUP_JOB && Array.isArray(job.payload.books))
      .sort((a, b) => a.id - b.id);
  /** Asks for a lookup and waits for its job: every request stored before it has been passed over by then. */
  async function lookupAfter(title: string) {
    const tablet = device();
    const before = lookupJobs().length;
    await tablet.put(ask({ action: 'lookup', book: book(title)._id }));
    expect((await push(tablet, adminDb())).denied).toEqual([]);
    await vi.waitFor(() => expect(lookupJobs()).toHaveLength(before + 1));
    await tablet.destroy();
  }

  async function push(db: PouchDB.Database, remote: string, session = agent.admin) {
    const denied: Denied[] = [];
    const result = await db.replicate
      .to(session.remote(remote))
      .on('denied', (error) => denied.push(error as unknown as Denied));
    return { result, denied };
  }

  async function start() {
    agent = await startTestAgent(data.path, [library.path]);
    reader = await agent.signIn('rita', 'reader');
  }

  beforeAll(async () => {
    Object.assign(process.env, UNREACHABLE_SOURCES);
    const epubs = {
      Dune: { title: 'Dune', series: { name: 'Dune Chronicles', number: 1 } },
      'Dune Messiah': { title: 'Dune Messiah', series: { name: 'Dune Chronicles', number: 2 } },
      Foundation: { title: 'Foundation', series: { name: 'Foundation', number: 1 } },
    };
    for (const [name, spec] of Object.entries(epubs))
      writeFileSync(join(library.path, `${name}.epub`), await makeEpub(spec));
    await start();
    agent.agent.settings.set('sources', {
      openlibrary: true,
      googlebooks: false,
      comicvine: false,
    });
    await agent.scan();
    const all = await agent.agent.ctx.catalog.db.allDocs({
      include_docs: true,
      startkey: 'book:',
      endkey: 'book:\uffff',
    });
    for (const row of all.rows) {
      const doc = readBookDoc(row.doc);
      if (doc) books.set(doc.path.replace(/^.*\//, '').replace(/\.epub$/, ''), doc);
    }
  });
  afterAll(async () => {
    await agent?.close();
    process.env = savedEnv;
    data.remove();
    library.remove();
  });

  it('chooses a cover asked for on a device once the request replicates', async () => {
    const png = await sharp({
      create: { width: 400, height: 600, channels: 3, background: { r: 20, g: 60, b: 200 } },
    })
      .png()
      .toBuffer();
    const uploaded = await agent.admin.fetch(`/api/books/${short('Dune')}/covers`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(png),
    });
    const { id: cover } = (await uploaded.json()) as { id: string };
    const tablet = device();
    await tablet.put(ask({ action: 'cover', book: book('Dune')._id, cover }));
    const { result, denied } = await push(tablet, adminDb());
    expect(denied).toEqual([]);
    expect(result.docs_written).toBe(1);
    await vi.waitFor(async () => expect((await manual('Dune'))?.cover).toBe(cover));
    await tablet.destroy();
  });

  it('renames a series, and carries it out once however often it is replicated', async () => {
    const tablet = device();
    const rename = ask({ action: 'series-rename', from: 'Foundation', into: 'Foundation Trilogy' });
    await tablet.put(rename);
    expect((await push(tablet, adminDb())).denied).toEqual([]);
    await vi.waitFor(async () =>
      expect((await seriesOf('Foundation'))?.name).toBe('Foundation Trilogy'),
    );
    // Put back by hand; the same request coming again from another device changes nothing.
    const put = await agent.admin.fetch(`/api/books/${short('Foundation')}/fields/series`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: { name: 'Foundation', kind: 'series', number: 1 } }),
    });
    expect(put.status).toBe(200);
    // Sent again, as another device replicating it would: taken, and passed over.
    const again = await agent.admin
      .remote(adminDb())
      .bulkDocs([(await tablet.get(rename._id, { revs: true })) as object], { new_edits: false });
    expect(again).toEqual([]);
    await lookupAfter('Foundation');
    expect((await seriesOf('Foundation'))?.name).toBe('Foundation');
    await tablet.destroy();
  });

  it('merges and renumbers through requests', async () => {
    const tablet = device();
    await tablet.bulkDocs([
      ask({ action: 'series-merge', from: 'Foundation', into: 'Dune Chronicles' }),
      ask(
        {
          action: 'series-renumber',
          series: 'Dune Chronicles',
          books: [
            {
              book: book('Dune Messiah')._id,
              position: { name: 'Dune Chronicles', kind: 'series', number: 7 },
            },
          ],
        },
        '2026-03-01T10:00:01.000Z',
      ),
    ]);
    expect((await push(tablet, adminDb())).denied).toEqual([]);
    await vi.waitFor(async () => {
      expect((await seriesOf('Foundation'))?.name).toBe('Dune Chronicles');
      expect((await seriesOf('Dune Messiah'))?.number).toBe(7);
    });
    await tablet.destroy();
  });

  it('refuses, with the route’s reason, a request that cannot be carried out', async () => {
    const tablet = device();
    const cases: [RequestBody, RegExp][] = [
      [{ action: 'series-rename', from: 'No Such Series', into: 'X' }, /No book is in a series/],
      [{ action: 'series-merge', from: 'Dune Chronicles', into: 'dune chronicles' }, /same series/],
      [{ action: 'cover', book: book('Dune')._id, cover: 'cover:nope:x:upload' }, /no cover/],
      [{ action: 'lookup', book: 'book:lib:gone' }, /no longer in the catalog/],
      [
        {
          action: 'series-renumber',
          series: 'Dune Chronicles',
          books: [{ book: book('Dune')._id, position: { name: 'Dune', number: 'one' } }],
        },
        /.+/,
      ],
    ];
    const docs = cases.map(([body]) => ask(body));
    await tablet.bulkDocs(docs);
    // Not a schema this code writes: refused before any rule is asked.
    await tablet.put({ ...ask({ action: 'lookup', book: book('Dune')._id }), action: 'delete' });
    const { denied } = await push(tablet, adminDb());
    expect(denied).toHaveLength(cases.length + 1);
    for (const [i, [, reason]] of cases.entries())
      expect(denied.find((d) => d.id === docs[i]?._id)?.reason).toMatch(reason);
    expect(denied.some((d) => /action/.test(d.reason))).toBe(true);
    // What was refused was never stored.
    const stored = await agent.admin.remote(adminDb()).allDocs({ keys: docs.map((d) => d._id) });
    expect(stored.rows.every((row) => 'error' in row)).toBe(true);
    await tablet.destroy();
  });

  it('refuses a reader’s request, saying why', async () => {
    const phone = device();
    const lookup = ask({ action: 'lookup', book: book('Dune')._id });
    await phone.put(lookup);
    const before = lookupJobs().length;
    const { denied } = await push(phone, readerDb(), reader);
    expect(denied).toEqual([
      expect.objectContaining({ id: lookup._id, reason: expect.stringMatching(/Only an admin/) }),
    ]);
    expect(lookupJobs()).toHaveLength(before);
    await phone.destroy();
  });

  it('starts a lookup as a job, and does not start it again after a restart', async () => {
    const tablet = device();
    const lookup = ask({ action: 'lookup', book: book('Dune Messiah')._id });
    await tablet.put(lookup);
    const before = lookupJobs().length;
    expect((await push(tablet, adminDb())).denied).toEqual([]);
    await vi.waitFor(() => expect(lookupJobs()).toHaveLength(before + 1));
    expect(lookupJobs().at(-1)?.payload).toMatchObject({ books: [short('Dune Messiah')] });

    await agent.close();
    await start();
    // A pass over every request stored (the one before the restart too) comes before this one's.
    await lookupAfter('Dune');
    expect(lookupJobs()).toHaveLength(before + 2);
    const messiah = lookupJobs().filter(
      (job) => JSON.stringify(job.payload.books) === JSON.stringify([short('Dune Messiah')]),
    );
    expect(messiah).toHaveLength(1);
    await tablet.destroy();
  });
  describe('renames asked on a device, as previewed there', () => {
    const options = {
      profile: 'linux',
      onConflict: 'skip',
      removeEmptyFolders: false,
      selection: 'all',
    } as const;
    /** What the Rename page's preview showed: every book it moves, from where to where. */
    async function previewed(pattern: string) {
      const res = await agent.admin.fetch('/api/rename/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...options, pattern, pageSize: 1000 }),
      });
      expect(res.status).toBe(200);
      const preview = (await res.json()) as Preview;
      return seenMoves({ ...preview, moves: [], conflicts: [] });
    }
    const renameJobs = () =>
      agent.agent.runner.store.list(1000).filter((job: Job) => job.kind === RENAME_JOB);
    const settled = (jobs: Job[]) => jobs.every((job) => ['done', 'failed'].includes(job.state));

    it('refuses a rename whose plan is no longer the one previewed, saying how many files differ', async () => {
      const pattern = 'Shelved/${title}.${ext}';
      const seen = await previewed(pattern);
      expect(seen.length).toBeGreaterThanOrEqual(3);
      // Something now stands where one book would go: with "skip" that book no longer moves.
      mkdirSync(join(library.path, 'Shelved'), { recursive: true });
      writeFileSync(join(library.path, 'Shelved', 'Dune.epub'), 'taken');
      const tablet = device();
      const rename = ask({ action: 'rename', pattern, ...options, seen });
      await tablet.put(rename);
      const before = renameJobs().length;
      const { denied } = await push(tablet, adminDb());
      expect(denied).toEqual([
        expect.objectContaining({
          id: rename._id,
          reason: 'The library changed since this preview (1 file differs): preview again.',
        }),
      ]);
      expect(renameJobs()).toHaveLength(before);
      expect(existsSync(join(library.path, 'Dune.epub'))).toBe(true);
      await tablet.destroy();
    });

    it('runs a rename whose plan matches the preview once, journaled and undoable', async () => {
      const pattern = 'Moved/${title}.${ext}';
      const seen = await previewed(pattern);
      const tablet = device();
      const rename = ask({ action: 'rename', pattern, ...options, seen });
      await tablet.put(rename);
      const before = renameJobs().length;
      expect((await push(tablet, adminDb())).denied).toEqual([]);
      await vi.waitFor(() => {
        expect(renameJobs()).toHaveLength(before + 1);
        expect(renameJobs().at(-1)?.state).toBe('done');
      });
      for (const { to } of seen) expect(existsSync(join(library.path, to))).toBe(true);
      expect(existsSync(join(library.path, 'Dune Messiah.epub'))).toBe(false);
      const job = renameJobs().at(-1) as Job;
      const batch = renameService(agent.agent.ctx)
        .journal.list(50, 0)
        .find((b) => b.jobId === job.id);
      expect(batch?.state).toBe('done');
      // Sent again (another device replicating it): passed over, no second job.
      await tablet.replicate.to(agent.admin.remote(adminDb()));
      // A request after it, carried out: every one before it was passed over by then.
      const after = device();
      await after.put(ask({ action: 'cover', book: book('Dune')._id, cover: null }));
      expect((await push(after, adminDb())).denied).toEqual([]);
      await vi.waitFor(async () => expect((await manual('Dune'))?.cover).toBeUndefined());
      await after.destroy();
      expect(renameJobs()).toHaveLength(before + 1);
      // Undone from History as any rename is.
      const undo = await agent.admin.fetch(`/api/rename/batches/${batch?.id ?? ''}/undo`, {
        method: 'POST',
      });
      expect(undo.status).toBe(202);
      await vi.waitFor(() => expect(settled(renameJobs())).toBe(true));
      expect(existsSync(join(library.path, 'Dune Messiah.epub'))).toBe(true);
      await tablet.destroy();
    });

    it('tells the device that asked when a request it took could not be carried out', async () => {
      const pattern = 'Again/${title}.${ext}';
      const seen = await previewed(pattern);
      const tablet = device();
      // The same preview asked twice: both pass the check; the first moves the files,
      // so the second finds the library changed when its turn (or its job's) comes.
      const first = ask({ action: 'rename', pattern, ...options, seen });
      const second = ask(
        { action: 'rename', pattern, ...options, seen },
        '2026-03-01T10:00:05.000Z',
      );
      await tablet.bulkDocs([first, second]);
      expect((await push(tablet, adminDb())).denied).toEqual([]);
      await vi.waitFor(
        async () => {
          await tablet.replicate.from(agent.admin.remote(adminDb()));
          const told = readRequestOutcomeDoc(
            await tablet.get(requestOutcomeDocId(second._id)).catch(() => undefined),
          );
          expect(told?.reason).toMatch(/library changed/);
        },
        { timeout: 15_000, interval: 200 },
      );
      // The one that ran is not told anything.
      await expect(tablet.get(requestOutcomeDocId(first._id))).rejects.toThrow();
      await vi.waitFor(() => expect(settled(renameJobs())).toBe(true));
      await tablet.destroy();
    });
  });
});
