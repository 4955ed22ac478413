import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalSourceId } from '#core/merge/sources';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { coverDocId, readCoverDoc, SMALL_COVER_ATTACHMENT } from '#core/schema/cover-doc';
import { lookupDocId, readLookupDoc, type LookupDoc } from '#core/schema/lookup-doc';
import type { Job } from '../../agent/jobs/types';
import { LOOKUP_JOB } from '../../agent/metadata/lookups/lookup-job';
import { ResponseCache } from '../../agent/sources/response-cache';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { startSourceServer, type SourceServer } from '../support/source-server';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

/** A tiny server for cover images: the source servers' recordings have no reachable ones. */
async function imageServer(
  png: Uint8Array,
): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    if (req.url === '/cover.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    } else if (req.url === '/busy.png') {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable');
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Not a cover</body></html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A comic whose ComicInfo names its series, issue and year, and nothing else. */
async function comicWithInfo(page: Uint8Array): Promise<Uint8Array> {
  const zip = new ZipWriter(new BlobWriter(), { useWebWorkers: false });
  await zip.add(
    'ComicInfo.xml',
    new TextReader(
      '<ComicInfo><Series>Saga</Series><Number>1</Number><Year>2012</Year></ComicInfo>',
    ),
  );
  await zip.add('001.png', new Uint8ArrayReader(page));
  return new Uint8Array(await (await zip.close()).arrayBuffer());
}

describe.skipIf(!corpusDir)('lookups: the agent asks outside sources about its books', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('lookup-data');
  const library = tempDir('lookup-library');
  const savedEnv = { ...process.env };
  let sources: SourceServer;
  let images: Awaited<ReturnType<typeof imageServer>>;
  let agent: TestAgent;
  let isbnBook: BookDoc;
  let unsureBook: BookDoc;
  let comicBook: BookDoc;

  const short = (book: BookDoc) => book._id.slice(book._id.lastIndexOf(':') + 1);
  const catalog = () => agent.agent.ctx.catalog;
  const lookupDoc = async (
    book: BookDoc,
    source: ExternalSourceId,
  ): Promise<LookupDoc | undefined> =>
    readLookupDoc(await catalog().get(lookupDocId(catalog().library, short(book), source)));
  const merged = async (book: BookDoc) => {
    const sourceList = [...(await agent.agent.metadata.sources.read()).values()];
    const state = await agent.agent.metadata.states.one(short(book), sourceList);
    return state?.merged.metadata;
  };
  /** Every answer is asked for afresh (the agent keeps them an hour). */
  const forgetAnswers = () => new ResponseCache(agent.agent.ctx.db).clear();

  async function until(id: number, done: (job: Job) => boolean, ms = 20_000): Promise<Job> {
    const started = Date.now();
    for (;;) {
      const job = agent.agent.runner.store.get(id) as Job;
      if (done(job)) return job;
      if (Date.now() - started > ms) throw new Error(`job #${id} stuck: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const finished = (job: Job) => ['done', 'failed', 'cancelled'].includes(job.state);

  async function lookupNow(book: BookDoc): Promise<Job> {
    const response = await agent.admin.fetch(`/api/books/${short(book)}/lookup`, {
      method: 'POST',
    });
    expect(response.status).toBe(202);
    const job = (await response.json()) as Job;
    expect(job.kind).toBe(LOOKUP_JOB);
    return until(job.id, finished);
  }

  beforeAll(async () => {
    sources = await startSourceServer();
    const png = await sharp({
      create: { width: 300, height: 450, channels: 3, background: { r: 200, g: 40, b: 40 } },
    })
      .png()
      .toBuffer();
    images = await imageServer(new Uint8Array(png));
    Object.assign(process.env, sources.env);
    // The file says nothing of its title: only its ISBN.
    writeFileSync(
      join(library.path, 'a.epub'),
      await makeEpub({ title: '', identifier: 'urn:isbn:9782070427796' }),
    );
    // Open Library's search finds this title, by other authors: a suggestion, not a match.
    writeFileSync(
      join(library.path, 'b.epub'),
      await makeEpub({ title: 'This Is How You Lose the Time War', authors: ['Jane Doe'] }),
    );
    writeFileSync(join(library.path, 'saga.cbz'), await comicWithInfo(new Uint8Array(png)));
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
    const all = await catalog().db.allDocs({
      include_docs: true,
      startkey: 'book:',
      endkey: 'book:\uffff',
    });
    const books = all.rows.flatMap((r) => readBookDoc(r.doc) ?? []);
    isbnBook = books.find((b) => b.path === 'a.epub') as BookDoc;
    unsureBook = books.find((b) => b.path === 'b.epub') as BookDoc;
    comicBook = books.find((b) => b.path === 'saga.cbz') as BookDoc;
  });
  afterEach(() => sources.reset());
  afterAll(async () => {
    await agent?.close();
    await sources?.close();
    await images?.close();
    process.env = savedEnv;
    data.remove();
    library.remove();
  });

  it('queues a lookup of what is due after a scan that read books, and finds both new books', async () => {
    const queued = agent.agent.runner.store.list().filter((j) => j.kind === LOOKUP_JOB);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ state: 'queued', payload: {} });
    // It waits a minute (covers first, scans in a row gathered); here it runs now.
    expect(Date.parse(queued[0]?.runAfter as string)).toBeGreaterThan(Date.now() + 30_000);
    agent.agent.runner.cancel(queued[0]?.id as number);
    const job = await until(agent.agent.runner.enqueue(LOOKUP_JOB, {}).id, finished);
    expect(job).toMatchObject({ state: 'done', result: { books: 2, asked: 2 } });
    // Nothing is due any more: a second run asks nobody.
    const before = sources.requests.length;
    const again = await until(agent.agent.runner.enqueue(LOOKUP_JOB, {}).id, finished);
    expect(again).toMatchObject({ state: 'done', result: { books: 0 } });
    expect(sources.requests.length).toBe(before);

    // The next scan that reads a book queues the next run.
    writeFileSync(
      join(library.path, 'c.epub'),
      await makeEpub({ title: 'Sabriel', authors: ['Garth Nix'] }),
    );
    await agent.scan();
    const next = agent.agent.runner.store
      .list()
      .filter((j) => j.kind === LOOKUP_JOB && j.state === 'queued');
    expect(next).toHaveLength(1);
    agent.agent.runner.cancel(next[0]?.id as number);
  });

  it('gives a book with a known ISBN Open Library’s values, and a title the file lacked', async () => {
    expect(
      isbnBook.extraction?.candidates.some(
        (c) => c.field === 'title' && c.origin === 'embedded:opf',
      ),
    ).toBe(false);
    const ol = await lookupDoc(isbnBook, 'openlibrary');
    expect(ol).toMatchObject({ source: 'openlibrary', book: isbnBook._id });
    expect(ol?.match).toBeUndefined();
    expect(ol?.error).toBeUndefined();
    expect(ol?.candidates).toContainEqual(
      expect.objectContaining({
        field: 'title',
        value: 'Les ombres errantes',
        origin: 'openlibrary:isbn',
      }),
    );
    expect((await merged(isbnBook))?.title).toBe('Les ombres errantes');
    // Google Books was asked too, and knew nothing: an answer, not an error.
    const gb = await lookupDoc(isbnBook, 'googlebooks');
    expect(gb?.candidates).toEqual([]);
    expect(gb?.error).toBeUndefined();
    // The sources' documents count the requests.
    const ol2 = (await agent.agent.metadata.sources.read()).get('openlibrary');
    expect(ol2?.stats.requests).toBeGreaterThanOrEqual(2);
    expect(ol2?.probation).not.toBe(false);
  });

  it('keeps an unsure search match as a suggestion, not applied to the book', async () => {
    const ol = await lookupDoc(unsureBook, 'openlibrary');
    expect(ol?.match?.applied).toBe(false);
    expect(ol?.match?.score).toBeLessThan(0.85);
    expect(ol?.candidates.length).toBeGreaterThan(0);
    const metadata = await merged(unsureBook);
    expect(metadata?.authors?.map((a) => a.name)).toEqual(['Jane Doe']);
    expect(metadata?.authors?.map((a) => a.name)).not.toContain('Max Gladstone');
  });

  it('keeps what a source said before when it answers 500, and retries only the books that failed', async () => {
    forgetAnswers();
    const before = await lookupDoc(isbnBook, 'openlibrary');
    const searches = sources.hits('/ol/search.json');
    sources.fail('/ol/api/books', { status: 500, body: 'Internal Server Error' });
    const job = agent.agent.runner.enqueue(LOOKUP_JOB, {
      books: [short(isbnBook), short(unsureBook)],
    });
    const failedOnce = await until(job.id, (j) => j.attempts === 1 && j.state === 'queued');
    expect(failedOnce.error).toContain('1 book(s) could not be looked up');
    const during = await lookupDoc(isbnBook, 'openlibrary');
    expect(during?.error).toMatchObject({ kind: 'http' });
    expect(during?.error?.message).toContain('HTTP 500');
    expect(during?.candidates).toEqual(before?.candidates);
    expect(during?.fetchedAt).toBe(before?.fetchedAt);
    expect((await merged(isbnBook))?.title).toBe('Les ombres errantes');
    // The failure shows on /data-sources.
    const listed = (await (await agent.admin.fetch('/api/sources')).json()) as {
      id: string;
      health?: { lastError?: { kind: string } };
    }[];
    expect(listed.find((s) => s.id === 'openlibrary')?.health?.lastError?.kind).toBe('http');
    expect(sources.hits('/ol/search.json')).toBe(searches + 1);

    sources.reset();
    const retried = await until(job.id, finished);
    expect(retried.state).toBe('done');
    expect(retried.attempts).toBe(2);
    // The retry asked about the failed book only.
    expect(sources.hits('/ol/search.json')).toBe(searches + 1);
    const after = await lookupDoc(isbnBook, 'openlibrary');
    expect(after?.error).toBeUndefined();
    expect(after?.candidates).toEqual(before?.candidates);
  });

  it('does not let an answer it cannot read replace what it had, and does not retry it', async () => {
    forgetAnswers();
    const before = await lookupDoc(isbnBook, 'openlibrary');
    sources.fail('/ol/', 'malformed');
    const job = await lookupNow(isbnBook);
    expect(job.state).toBe('done');
    expect(job.attempts).toBe(1);
    const during = await lookupDoc(isbnBook, 'openlibrary');
    expect(during?.error?.kind).toBe('invalid-response');
    expect(during?.candidates).toEqual(before?.candidates);
  });

  it('does not ask a disabled source', async () => {
    forgetAnswers();
    const off = await agent.admin.fetch('/api/sources/openlibrary', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ id: 'openlibrary', enabled: false });
    expect(agent.agent.settings.get('sources').openlibrary).toBe(false);
    const ol = sources.hits('/ol/');
    const gb = sources.hits('/gb/');
    expect((await lookupNow(isbnBook)).state).toBe('done');
    expect(sources.hits('/ol/')).toBe(ol);
    expect(sources.hits('/gb/')).toBeGreaterThan(gb);
    await agent.admin.fetch('/api/sources/openlibrary', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(agent.agent.settings.get('sources').openlibrary).toBe(true);
  });

  it('makes the cover a source offers into a cover document, once', async () => {
    forgetAnswers();
    const record = JSON.parse(
      readFileSync(corpusPath('api/openlibrary/bookwyrm_ol_isbn_search.json'), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    const withCover = (path: string) =>
      JSON.stringify({
        'ISBN:9782070427796': {
          ...record['ISBN:9782070427796'],
          cover: { large: `${images.url}${path}` },
        },
      });
    sources.script('/ol/api/books', { status: 200, body: withCover('/cover.png') });
    expect((await lookupNow(isbnBook)).state).toBe('done');
    const id = coverDocId(catalog().library, short(isbnBook), 'openlibrary');
    const raw = (await catalog().get(id)) as { _attachments?: Record<string, unknown> } | undefined;
    const cover = readCoverDoc(raw);
    expect(cover).toMatchObject({
      source: 'openlibrary',
      book: isbnBook._id,
      original: { width: 300, height: 450 },
    });
    expect(raw?._attachments?.[SMALL_COVER_ATTACHMENT]).toBeDefined();
    expect(agent.agent.covers.has(cover?.hash as string, 'medium')).toBe(true);
    expect(images.hits()).toBe(1);

    // The same address again: not fetched again.
    forgetAnswers();
    sources.script('/ol/api/books', { status: 200, body: withCover('/cover.png') });
    expect((await lookupNow(isbnBook)).state).toBe('done');
    expect(images.hits()).toBe(1);

    // An address that answers with a web page: no cover made, the earlier one kept.
    forgetAnswers();
    sources.script('/ol/api/books', { status: 200, body: withCover('/page.html') });
    const job = await lookupNow(isbnBook);
    expect(job.state).toBe('done');
    expect(readCoverDoc(await catalog().get(id))?.hash).toBe(cover?.hash);
    const logged = agent.agent.oplog
      .list({ jobId: job.id })
      .map((op) => op.message)
      .join('\n');
    expect(logged).toContain('is not a JPEG, PNG, WebP, GIF or AVIF image');

    // A cover host that is busy (503): the lookup is saved and the job done, the problem logged.
    forgetAnswers();
    sources.script('/ol/api/books', { status: 200, body: withCover('/busy.png') });
    const busy = await lookupNow(isbnBook);
    expect(busy.state).toBe('done');
    expect(busy.attempts).toBe(1);
    expect(readCoverDoc(await catalog().get(id))?.hash).toBe(cover?.hash);
    expect(agent.agent.oplog.list({ jobId: busy.id }).map((op) => op.kind)).toContain(
      'cover.failed',
    );
  });

  it('asks Comic Vine about a comic by series, issue and year, with the key from the settings', async () => {
    forgetAnswers();
    const put = (key: string, value: unknown) =>
      agent.admin.fetch(`/api/settings/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
    expect((await put('comicvineKey', 'TOPSECRET-cv-key')).status).toBe(200);
    expect(
      (await put('sources', { ...agent.agent.settings.get('sources'), comicvine: true })).status,
    ).toBe(200);
    await expect
      .poll(async () => (await agent.agent.metadata.sources.read()).get('comicvine')?.enabled)
      .toBe(true);
    const issue = {
      id: 338591,
      name: 'Chapter One',
      issue_number: '1',
      cover_date: '2012-03-31',
      volume: { id: 49901, name: 'Saga' },
      image: { original_url: `${images.url}/cover.png` },
    };
    sources.script('/cv/api/issue/4000-338591/', {
      status: 200,
      body: JSON.stringify({ error: 'OK', status_code: 1, results: issue, version: '1.0' }),
    });
    expect((await lookupNow(comicBook)).state).toBe('done');
    const cv = await lookupDoc(comicBook, 'comicvine');
    expect(cv?.match?.applied).toBe(true);
    expect(cv?.candidates).toContainEqual(
      expect.objectContaining({ field: 'title', value: 'Chapter One' }),
    );
    expect(
      sources.requests.some(
        (r) => r.startsWith('/cv/api/issues/') && r.includes('api_key=TOPSECRET'),
      ),
    ).toBe(true);
    const cover = readCoverDoc(
      await catalog().get(coverDocId(catalog().library, short(comicBook), 'comicvine')),
    );
    expect(cover?.source).toBe('comicvine');
  });
});
