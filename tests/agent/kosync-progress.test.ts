import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '#core/bytes/byte-source';
import { latestPosition } from '#core/reading/reading-state';
import { resolveStatus } from '#core/reading/resolve-status';
import { bookDocId } from '#core/schema/book-doc';
import {
  progressDoc,
  progressIdRange,
  readProgressDoc,
  type ProgressDoc,
} from '#core/schema/progress-doc';
import {
  readingStatusDocId,
  readReadingStatusDoc,
  type ReadingStatusDoc,
} from '#core/schema/reading-status-doc';
import { partialMd5 } from '../../agent/kosync/document-digest';
import { DIGESTS_JOB } from '../../agent/kosync/digest-job';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { KoreaderClient, md5 } from '../support/koreader-client';
import { makePdf } from '../support/make-pdf';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/**
 * One position per user per book: what KOReader puts is the in-app
 * reader's record (a progress document in the user's own database, read
 * here by a PouchDB replica as a browser would), and what the in-app reader
 * writes is what KOReader gets. Real corpus EPUBs, read in place, named by
 * KOReader's own document ids.
 */

const TIME_MACHINE = 'se_h-g-wells_the-time-machine.epub';
/** util.partialMD5 of the corpus file, computed by KOReader's loop under LuaJIT. */
const TIME_MACHINE_MD5 = 'e819ea2f342dd1e746530288b5be0e4f';
const KOBO = '2F4C1A2B3C4D5E6F708192A3B4C5D6E7';
const KINDLE = '9E8D7C6B5A4F3E2D1C0B9A8F7E6D5C4B';

/** A browser's replica of the user's database, brought up to date. */
async function replica(session: TestSession, dbName: string): Promise<PouchDB.Database> {
  const db = new PouchDB(`kosync-${Math.random()}`, { adapter: 'memory' });
  await db.replicate.from(session.remote(dbName));
  return db;
}

/** A moment after the last write (positions are ordered by when they were written, to the ms). */
async function later(): Promise<Date> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return new Date();
}

async function positions(db: PouchDB.Database, book: string): Promise<ProgressDoc[]> {
  const found = await db.allDocs({ ...progressIdRange(book), include_docs: true });
  return found.rows.map((r) => readProgressDoc(r.doc)).filter((d): d is ProgressDoc => !!d);
}

async function statusOf(db: PouchDB.Database, book: string): Promise<string | undefined> {
  const revs = await db.get(readingStatusDocId(book), { open_revs: 'all' }).catch(() => []);
  const docs = revs
    .flatMap((r) => ('ok' in r ? [readReadingStatusDoc(r.ok)] : []))
    .filter((d): d is ReadingStatusDoc => !!d);
  return resolveStatus(docs)?.status;
}

describe('KOReader sync: one position per user per book', () => {
  const data = tempDir('kosync-progress');
  const made = tempDir('kosync-made');
  let agent: TestAgent;
  let reader: TestSession;
  let dbName: string;
  let kobo: KoreaderClient;
  let atlasId: string;
  const opened: PouchDB.Database[] = [];

  const bookOf = (name: string) => {
    const row = agent.agent.ctx.db
      .prepare('SELECT book_id FROM files WHERE rel_path = ?')
      .get(name) as { book_id: string } | undefined;
    if (!row) throw new Error(`${name} was not cataloged`);
    return bookDocId(agent.agent.ctx.library, row.book_id);
  };
  const browser = async () => {
    const db = await replica(reader, dbName);
    opened.push(db);
    return db;
  };
  /** A position the in-app reader writes, replicated to the agent as a browser's would be. */
  const inApp = async (doc: ProgressDoc) => {
    const db = new PouchDB(`app-${Math.random()}`, { adapter: 'memory' });
    opened.push(db);
    await db.put(doc);
    await db.replicate.to(reader.remote(dbName));
  };

  beforeAll(async () => {
    writeFileSync(join(made.path, 'atlas.pdf'), makePdf({ title: 'Atlas' }));
    agent = await startTestAgent(
      data.path,
      corpusDir ? [made.path, corpusPath('epub')] : [made.path],
    );
    reader = await agent.signIn('rita', 'reader');
    const user = agent.agent.auth.users.byName('rita')!;
    dbName = `user-${user.id}`;
    const { secret } = agent.agent.auth.appPasswords.create(user.id, 'Kobo');
    kobo = new KoreaderClient(`${agent.url}/kosync`, 'rita', secret);
    await agent.scan();
    atlasId = await partialMd5(
      bytesSource(new Uint8Array(await readFile(join(made.path, 'atlas.pdf')))),
    );
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    await agent?.close();
    data.remove();
    made.remove();
  });

  describe.skipIf(!corpusDir)('an EPUB', () => {
    if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);

    it("takes KOReader's position as the device's progress document, its xpointer as a CFI", async () => {
      const book = bookOf(TIME_MACHINE);
      const put = await kobo.updateProgress({
        document: TIME_MACHINE_MD5,
        // Chapter I (the third spine item), 8th paragraph, its second text node, 1 character in.
        progress: '/body/DocFragment[3]/body/section/p[8]/text()[2].1',
        percentage: 0.07123,
        device: 'Kobo_frost',
        device_id: KOBO,
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        document: TIME_MACHINE_MD5,
        timestamp: expect.any(Number),
        colophon: { book, matchedBy: 'content', position: 'exact' },
      });
      const db = await browser();
      const [doc] = await positions(db, book);
      expect(doc).toMatchObject({
        _id: `progress:${book}:${KOBO}`,
        device: KOBO,
        deviceName: 'KOReader on Kobo_frost',
        percentage: 0.0712,
        // <section id="chapter-1"> is body's first element; the 8th <p> its 9th.
        locator: 'epubcfi(/6/6!/4/2[chapter-1]/18/3:1)',
      });
      expect(Math.floor(Date.parse(doc!.updatedAt) / 1000)).toBe(put.body.timestamp);
      // The first position of an unread book starts it, as the in-app reader's does.
      expect(await statusOf(db, book)).toBe('reading');
    });

    it('gives the device that wrote the latest position its own words back', async () => {
      const got = await kobo.getProgress(TIME_MACHINE_MD5);
      expect(got.body).toMatchObject({
        document: TIME_MACHINE_MD5,
        progress: '/body/DocFragment[3]/body/section/p[8]/text()[2].1',
        percentage: 0.0712,
        // KOReader says "Latest progress is coming from this device" on these two.
        device: 'Kobo_frost',
        device_id: KOBO,
        colophon: { matchedBy: 'content', position: 'as-sent' },
      });
    });

    it("answers KOReader's GET with the in-app reader's later position, its CFI as an xpointer", async () => {
      const book = bookOf(TIME_MACHINE);
      await inApp(
        progressDoc({
          book,
          // Chapter II, its second paragraph, 10 characters in.
          locator: 'epubcfi(/6/8!/4/2[chapter-2]/6/1:10)',
          percentage: 0.12,
          device: 'browser-1',
          deviceName: 'Firefox on Linux',
          at: await later(),
        }),
      );
      const got = await kobo.getProgress(TIME_MACHINE_MD5);
      expect(got.body).toMatchObject({
        document: TIME_MACHINE_MD5,
        progress: '/body/DocFragment[4]/body/section/p[2]/text().10',
        percentage: 0.12,
        device: 'Firefox on Linux',
        device_id: 'browser-1',
        colophon: { position: 'exact' },
      });
      expect(got.body.timestamp).toBeGreaterThan(0);
    });

    it('names a book by the MD5 of its file name too (KOReader\'s "Filename" matching)', async () => {
      const book = bookOf(TIME_MACHINE);
      const kindle = md5(TIME_MACHINE);
      await later();
      const put = await kobo.updateProgress({
        document: kindle,
        progress: '/body[1]/DocFragment[4]/body[1]/section[1]/p[3]/text()[1].0',
        percentage: 0.13,
        device: 'Kindle Paperwhite',
        device_id: KINDLE,
      });
      expect(put.body.colophon).toEqual({ book, matchedBy: 'file-name', position: 'exact' });
      const db = await browser();
      const docs = await positions(db, book);
      expect(latestPosition(docs)).toMatchObject({
        device: KINDLE,
        locator: 'epubcfi(/6/8!/4/2[chapter-2]/8/1:0)',
      });
      // The Kobo, named by content, now gets the Kindle's position, translated for it.
      expect((await kobo.getProgress(TIME_MACHINE_MD5)).body).toMatchObject({
        device: 'Kindle Paperwhite',
        device_id: KINDLE,
        progress: '/body[1]/DocFragment[4]/body[1]/section[1]/p[3]/text()[1].0',
        colophon: { position: 'as-sent' },
      });
    });

    it('keeps the percentage alone when the xpointer leads nowhere in the book, and says so', async () => {
      const book = bookOf(TIME_MACHINE);
      await later();
      const put = await kobo.updateProgress({
        document: TIME_MACHINE_MD5,
        progress: '/body/DocFragment[99]/body/p[2]/text().4',
        percentage: 0.4,
        device: 'Kobo_frost',
        device_id: KOBO,
      });
      expect(put.body.colophon).toMatchObject({ position: 'percentage' });
      const doc = (await positions(await browser(), book)).find((d) => d.device === KOBO);
      expect(doc).toMatchObject({ locator: '', percentage: 0.4 });
    });

    it('answers a position that is only a percentage with the start of its chapter', async () => {
      const book = bookOf(TIME_MACHINE);
      await inApp(
        progressDoc({
          book,
          locator: '',
          percentage: 0.5,
          device: 'browser-2',
          deviceName: 'Safari on iPad',
          at: await later(),
        }),
      );
      const got = await kobo.getProgress(TIME_MACHINE_MD5);
      expect(got.body).toMatchObject({
        percentage: 0.5,
        device: 'Safari on iPad',
        progress: expect.stringMatching(/^\/body\/DocFragment\[\d+\]\.0$/),
        colophon: { position: 'percentage' },
      });
      // Half-way through The Time Machine by size is well past its first chapters.
      const fragment = Number(/\[(\d+)\]/.exec(String(got.body.progress))?.[1]);
      expect(fragment).toBeGreaterThan(6);
    });

    it('finishes the book when KOReader reaches 100%', async () => {
      const book = bookOf(TIME_MACHINE);
      await later();
      await kobo.updateProgress({
        document: TIME_MACHINE_MD5,
        progress: '/body/DocFragment[13]/body/section/p[40]/text().0',
        percentage: 1,
        device: 'Kobo_frost',
        device_id: KOBO,
      });
      expect(await statusOf(await browser(), book)).toBe('finished');
    });
  });

  describe('a PDF: page numbers both ways', () => {
    it('takes page N as page:N-1, and gives page:N back as N+1', async () => {
      const book = bookOf('atlas.pdf');
      const put = await kobo.updateProgress({
        document: atlasId,
        progress: 5,
        percentage: 0.357,
        device: 'Kobo_frost',
        device_id: KOBO,
      });
      expect(put.body.colophon).toEqual({ book, matchedBy: 'content', position: 'page' });
      const [doc] = await positions(await browser(), book);
      expect(doc).toMatchObject({ locator: 'page:4', percentage: 0.357 });
      await inApp(
        progressDoc({
          book,
          locator: 'page:9',
          percentage: 0.714,
          device: 'browser-1',
          deviceName: 'Firefox on Linux',
          at: await later(),
        }),
      );
      expect((await kobo.getProgress(atlasId)).body).toMatchObject({
        progress: '10',
        percentage: 0.714,
        device_id: 'browser-1',
        colophon: { position: 'page' },
      });
    });

    it('gives KOReader nothing it cannot go to (a CFI for a PDF), saying so', async () => {
      const book = bookOf('atlas.pdf');
      await inApp(
        progressDoc({
          book,
          locator: 'epubcfi(/6/4!/4/2/1:0)',
          percentage: 0.8,
          device: 'browser-3',
          deviceName: 'Chrome on Android',
          at: await later(),
        }),
      );
      expect((await kobo.getProgress(atlasId)).body).toEqual({
        colophon: { book, matchedBy: 'content', position: 'none' },
      });
    });
  });

  it('takes the partial MD5 of files scanned before it was taken, in a background job', async () => {
    const { db } = agent.agent.ctx;
    const before = db.prepare('SELECT id, partial_md5 FROM files ORDER BY id').all() as {
      id: number;
      partial_md5: string | null;
    }[];
    expect(before.every((row) => /^[0-9a-f]{32}$/.test(row.partial_md5 ?? ''))).toBe(true);
    if (corpusDir)
      expect(
        db.prepare('SELECT partial_md5 FROM files WHERE rel_path = ?').get(TIME_MACHINE),
      ).toEqual({ partial_md5: TIME_MACHINE_MD5 });
    db.prepare('UPDATE files SET partial_md5 = NULL').run();
    const job = agent.agent.runner.enqueue(DIGESTS_JOB, {}, { uniqueKey: DIGESTS_JOB });
    await agent.agent.runner.idle();
    expect(agent.agent.runner.store.get(job.id)).toMatchObject({
      state: 'done',
      result: { done: before.length, skipped: 0 },
    });
    expect(db.prepare('SELECT id, partial_md5 FROM files ORDER BY id').all()).toEqual(before);
  });
});
