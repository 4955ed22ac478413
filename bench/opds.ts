import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { authorKey } from '#core/books/author-index';
import { seriesKey } from '#core/books/series-index';
import { progressDoc } from '#core/schema/progress-doc';
import type { SearchDoc } from '#core/search/search-doc';
import { fold } from '#core/text/fold';
import { openAgent } from '../agent/agent';
import { createApp } from '../agent/server/app';
import { seededRandom } from '../tests/support/seeded-random';
import { tempDir } from '../tests/support/temp';
import { report } from './report';
import { seedAgent } from './seed-agent';
import { syntheticCatalog } from './synthetic-catalog';

const PER_PAGE = 50;

const percentile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** One kind of feed, and the paths a reading app would ask for (drawn, seeded). */
interface FeedCase {
  name: string;
  path: (rnd: () => number) => string;
}

function feedCases(docs: readonly SearchDoc[]): FeedCase[] {
  const live = docs.filter((d) => d.status !== 'missing');
  const pages = (n: number) => (rnd: () => number) =>
    1 + Math.floor(rnd() * Math.max(1, Math.ceil(n / PER_PAGE)));
  const credited = live.filter((d) => d.authors.length > 0);
  const someAuthor = (rnd: () => number) =>
    (credited[Math.floor(rnd() * credited.length)] as SearchDoc).authors[0] as string;
  const count = (values: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return counts;
  };
  const authors = count(live.flatMap((d) => d.authors.map(authorKey)));
  const series = count(live.flatMap((d) => (d.series ? [seriesKey(d.series)] : [])));
  const subjects = count(live.flatMap((d) => d.subjects.map((s) => fold(s.trim()))));
  const epubs = live.filter((d) => d.format === 'epub').length;
  // The largest groups: the slowest of their kind (an author or a genre with thousands of books).
  const biggest = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
  const [topAuthor, topAuthorBooks] = biggest(authors);
  const [topSubject, topSubjectBooks] = biggest(subjects);
  const words = live.flatMap((d) => d.title.split(/[^\p{L}]+/u).filter((w) => w.length > 3));
  const word = (rnd: () => number) => words[Math.floor(rnd() * words.length)] ?? 'night';
  const e = encodeURIComponent;
  return [
    { name: 'root', path: () => '' },
    { name: 'recent', path: (rnd) => `/recent?page=${pages(live.length)(rnd)}` },
    { name: 'all', path: (rnd) => `/all?page=${pages(live.length)(rnd)}` },
    { name: 'authors', path: (rnd) => `/authors?page=${pages(authors.size)(rnd)}` },
    {
      name: 'author',
      path: (rnd) => `/authors/${e(authorKey(someAuthor(rnd)))}`,
    },
    {
      name: 'author (largest)',
      path: (rnd) => `/authors/${e(topAuthor)}?page=${pages(topAuthorBooks)(rnd)}`,
    },
    { name: 'series list', path: (rnd) => `/series?page=${pages(series.size)(rnd)}` },
    {
      name: 'series',
      path: (rnd) => {
        const keys = [...series.keys()];
        return `/series/${e(keys[Math.floor(rnd() * keys.length)] ?? '')}`;
      },
    },
    { name: 'subjects', path: (rnd) => `/subjects?page=${pages(subjects.size)(rnd)}` },
    {
      name: 'subject (largest)',
      path: (rnd) => `/subjects/${e(topSubject)}?page=${pages(topSubjectBooks)(rnd)}`,
    },
    { name: 'formats', path: () => '/formats' },
    { name: 'format epub', path: (rnd) => `/formats/epub?page=${pages(epubs)(rnd)}` },
    { name: 'reading', path: () => '/reading' },
    {
      name: 'search',
      path: (rnd) => {
        const surname = someAuthor(rnd).split(' ').pop() ?? 'Zola';
        const queries = [
          word(rnd),
          surname,
          `author:${surname} format:epub`,
          `${word(rnd)} ${word(rnd)}`,
        ];
        return `/search?q=${e(queries[Math.floor(rnd() * queries.length)] ?? '')}`;
      },
    },
  ];
}

/**
 * `npm run bench -- opds [--books N] [--runs R] [--data DIR]`: an agent (in this process,
 * over HTTP on 127.0.0.1) with N synthetic books (default 100,000) and their
 * covers; each feed of OPDS 1.2 and 2.0 asked for R times (default 60) at
 * pages drawn across its whole length, with an app password as a reading
 * app signs in. Prints p50 and p95 per feed (ms, the whole answer read), the
 * first request's time (it loads the catalog into the index), the time to
 * take in one changed book, and the agent's memory.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      books: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '60' },
      data: { type: 'string' },
    },
  });
  const books = Number(values.books);
  const runs = Number(values.runs);
  // --data DIR keeps the seeded agent for the next run (which then starts as after a restart).
  const data = values.data ? { path: values.data, remove: () => undefined } : tempDir('bench-opds');
  const seeded = existsSync(join(data.path, 'colophon.sqlite'));
  const docs = seeded
    ? syntheticCatalog(books)
    : await seedAgent(data.path, books, { covers: true });
  let agent = await openAgent(data.path);
  const buildDir = join(data.path, 'no-app');
  mkdirSync(buildDir, { recursive: true });
  const listen = () =>
    new Promise<Server>((resolve) => {
      const s = createApp(agent, { buildDir }).listen(0, '127.0.0.1', () => resolve(s));
    });
  let server = await listen();
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await agent.close();
  };
  const baseOf = () => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('The agent has no address.');
    return `http://127.0.0.1:${address.port}`;
  };
  try {
    let base = baseOf();
    const user =
      agent.auth.users.byName('reader') ??
      (await agent.auth.users.add('reader', 'a bench reader reads', 'reader'));
    const { secret } = agent.auth.appPasswords.create(user.id, 'bench');
    const authorization = `Basic ${Buffer.from(`reader:${secret}`).toString('base64')}`;
    // A reader part-way through 300 books.
    await agent.databases.user(user.id).db.bulkDocs(
      docs.slice(0, 300).map((_, i) =>
        progressDoc({
          book: `book:${agent.ctx.library}:bench${i * 7}`,
          locator: 'page:1',
          percentage: 0.5,
          device: 'kobo',
          deviceName: 'Kobo',
          at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
        }),
      ),
    );
    const get = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { authorization } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - started;
    };

    const before = process.memoryUsage();
    report('opds', 'first_request_ms', await get('/opds/recent'), {
      books,
      of: seeded
        ? 'the first feed asked for: the stored books read into the index'
        : 'the first feed asked for: the catalog read into the index',
    });
    const after = process.memoryUsage();
    report('opds', 'heap_used_mb', after.heapUsed / 2 ** 20, {
      books,
      before_mb: Math.round(before.heapUsed / 2 ** 20),
      rss_mb: Math.round(after.rss / 2 ** 20),
      of: 'the whole agent, with the index loaded',
    });

    const rnd = seededRandom(7);
    for (const feed of feedCases(docs))
      for (const [version, root] of [
        ['1.2', '/opds'],
        ['2.0', '/opds/v2'],
      ] as const) {
        for (let i = 0; i < 3; i++) await get(`${root}${feed.path(rnd)}`);
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push(await get(`${root}${feed.path(rnd)}`));
        times.sort((a, b) => a - b);
        report('opds', `${feed.name} p50_ms`, percentile(times, 0.5), {
          version,
          p95_ms: Math.round(percentile(times, 0.95) * 100) / 100,
          max_ms: Math.round((times.at(-1) ?? 0) * 100) / 100,
          runs,
          books,
        });
      }

    // One book changed (a scan, an edit): a request right after takes it in first; one a
    // moment later finds it taken in already (the index follows the catalog's changes).
    const change = async (i: number) => {
      const id = `book:${agent.ctx.library}:bench${i}`;
      const doc = await agent.ctx.catalog.get(id);
      await agent.ctx.catalog.upsert([{ ...doc, _id: id, size: Number(doc?.size ?? 0) + 1 }]);
    };
    for (const [metric, wait] of [
      ['right_after_one_change', 0],
      ['two_seconds_after_one_change', 2000],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        await change(i);
        await new Promise((resolve) => setTimeout(resolve, wait));
        times.push(await get('/opds/recent'));
      }
      times.sort((a, b) => a - b);
      report('opds', `${metric} p50_ms`, percentile(times, 0.5), {
        p95_ms: Math.round(percentile(times, 0.95) * 100) / 100,
        books,
      });
    }

    // A restart: the merged books are read back from SQLite, not merged again.
    await stop();
    agent = await openAgent(data.path);
    server = await listen();
    base = baseOf();
    report('opds', 'first_request_after_restart_ms', await get('/opds/recent'), {
      books,
      of: 'the index filled from the stored books',
    });
  } finally {
    await stop().catch(() => undefined);
    data.remove();
  }
}
