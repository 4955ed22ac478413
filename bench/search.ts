import { parseArgs } from 'node:util';
import { SearchIndex, type BookQuery } from '#core/search/search-index';
import type { SearchDoc } from '#core/search/search-doc';
import { progress, report } from './report';
import { seededRandom } from '../tests/support/seeded-random';
import { syntheticCatalog } from './synthetic-catalog';

const BATCH = 2000;
const MEASURED_PASSES = 3;

/** A typo a reader makes: two letters swapped, one dropped, or one doubled. */
function typo(word: string, rnd: () => number): string {
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i) + word.charAt(i) + word.slice(i);
  }
}

/**
 * The fixed mix of 200 queries, drawn (seeded) from the catalog's own words so
 * that they find books: plain words and prefixes, fielded terms, boolean
 * expressions with parentheses, ranges, has:, typos, regexes and phrases,
 * some with sidebar filters, half with facet counts.
 */
export function queryMix(docs: readonly SearchDoc[], count = 200): BookQuery[] {
  const rnd = seededRandom(42);
  const doc = () => docs[Math.floor(rnd() * docs.length)] as SearchDoc;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const titleWord = () => {
    const words = doc()
      .title.split(/[^\p{L}]+/u)
      .filter((w) => w.length > 3);
    return words.length ? pick(words) : 'night';
  };
  const surname = () => doc().authors[0]?.split(' ').pop() ?? 'Zola';
  const kinds: (() => string)[] = [
    () => titleWord(),
    () => surname(),
    () => `${titleWord()} ${surname()}`,
    () => titleWord().slice(0, 3),
    () => surname().slice(0, 4),
    () => `author:${surname()}`,
    () => `title:${titleWord()}`,
    () => `series:"${doc().series ?? 'Saga'}"`,
    () => `tag:"${doc().subjects[0] ?? 'Fantasy'}"`,
    () => `publisher:${doc().publisher?.split(' ')[0] ?? 'Penguin'}`,
    () => `language:${pick(['fr', 'de', 'en', 'es', 'german'])} ${titleWord()}`,
    () => `format:${pick(['pdf', 'epub', 'cbz'])} ${surname()}`,
    () => `isbn:${doc().isbns[0] ?? '9780140449136'}`,
    () => `(${surname()} OR ${surname()}) -tag:${pick(['Poetry', 'Fiction', 'History'])}`,
    () => `${titleWord()} AND (${titleWord()} OR ${titleWord()}) NOT format:pdf`,
    () => `(author:${surname()} | series:${titleWord()}) has:cover`,
    () => `year:${1800 + Math.floor(rnd() * 150)}..${1950 + Math.floor(rnd() * 75)}`,
    () => `size:>${pick(['5MB', '50MB', '500KB'])} ${titleWord()}`,
    () => `year:>=2000 size:<2MB`,
    () => `has:series -has:isbn ${surname()}`,
    () => `-has:cover year:<1900`,
    () => typo(surname().toLowerCase(), rnd),
    () => typo(titleWord().toLowerCase(), rnd),
    () => `author:${typo(surname().toLowerCase(), rnd)}`,
    () => `/^${surname().slice(0, 3).toLowerCase()}/`,
    () => `/${titleWord().slice(1, 4).toLowerCase()}.*s$/`,
    () => `author:/^${surname().slice(0, 2).toLowerCase()}.*i$/`,
    () => `"${doc().title}"`,
    () => `"${titleWord()} ${pick(['of', 'and', 'the'])}"`,
    () => '',
  ];
  const filters = (): BookQuery['filters'] =>
    pick([
      { formats: ['epub'] },
      { languages: ['en', 'fr'] },
      { hasCover: true, year: { min: 1950 } },
      { subjects: [doc().subjects[0] ?? 'Fiction'] },
      { size: { max: 10e6 }, completeness: { min: 0.6 } },
      { statuses: ['ok'], hasSeries: true },
    ]);
  const queries: BookQuery[] = [];
  for (let i = 0; i < count; i++) {
    const q: BookQuery = { text: (kinds[i % kinds.length] as () => string)(), limit: 50 };
    if (rnd() < 0.3 || q.text === '') q.filters = filters();
    if (i % 2 === 0) q.facets = true;
    if (rnd() < 0.15)
      q.sort = {
        key: pick(['title', 'author', 'year', 'added', 'size', 'series']),
        direction: pick(['asc', 'desc']),
      };
    if (rnd() < 0.1) q.offset = 50 * Math.floor(rnd() * 5);
    queries.push(q);
  }
  return queries;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Bytes of a snapshot as it would sit in IndexedDB: typed arrays as they are, strings at one byte a character. */
function sizeOf(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return 8;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + sizeOf(v), 0);
  if (typeof value === 'object' && value)
    return Object.values(value).reduce((sum: number, v) => sum + sizeOf(v), 0);
  return 0;
}

async function benchSize(books: number): Promise<void> {
  const tags = { books };
  process.stderr.write(`Generating ${books} books…\n`);
  const docs = syntheticCatalog(books);

  const index = new SearchIndex();
  const started = Date.now();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += BATCH) {
    index.upsert(docs.slice(i, i + BATCH));
    progress(`index ${books}`, Math.min(i + BATCH, docs.length), docs.length, started);
  }
  report('search', 'index_build_ms', performance.now() - t0, tags);

  const queries = queryMix(docs);
  // The first query after a change computes the sort orders it needs; reported apart.
  const t1 = performance.now();
  index.query({ text: '', limit: 50 });
  report('search', 'first_query_ms', performance.now() - t1, tags);

  const t2 = performance.now();
  const snapshot = index.export();
  report('search', 'export_ms', performance.now() - t2, tags);
  report('search', 'index_size_mb', sizeOf(snapshot) / 1e6, { ...tags, with: 'books' });
  // What IndexedDB does on write and read (a structured clone), then the restore itself.
  const t3 = performance.now();
  const stored = structuredClone(snapshot);
  report('search', 'snapshot_clone_ms', performance.now() - t3, { ...tags, with: 'books' });
  const t4 = performance.now();
  const restored = SearchIndex.restore(stored);
  report('search', 'restore_ms', performance.now() - t4, { ...tags, with: 'books' });
  if (restored.size !== index.size) throw new Error('restore lost books');

  // The same without the books, for a caller that keeps them (the query worker does).
  const lean = index.export({ docs: false });
  report('search', 'index_size_mb', sizeOf(lean) / 1e6, { ...tags, with: 'no books' });
  const t5 = performance.now();
  const leanStored = structuredClone(lean);
  report('search', 'snapshot_clone_ms', performance.now() - t5, { ...tags, with: 'no books' });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const t6 = performance.now();
  SearchIndex.restore(leanStored, { docs: (id) => byId.get(id) });
  report('search', 'restore_ms', performance.now() - t6, { ...tags, with: 'no books' });

  for (const q of queries) index.query(q); // warm-up: JIT and sort orders
  const times: number[] = [];
  const slow: { ms: number; text: string }[] = [];
  const runStarted = Date.now();
  for (let pass = 0; pass < MEASURED_PASSES; pass++) {
    queries.forEach((q, i) => {
      const t = performance.now();
      index.query(q);
      const ms = performance.now() - t;
      times.push(ms);
      slow.push({ ms, text: JSON.stringify(q) });
      if (i % 20 === 19)
        progress(
          `queries ${books}`,
          pass * queries.length + i + 1,
          MEASURED_PASSES * queries.length,
          runStarted,
        );
    });
  }
  times.sort((a, b) => a - b);
  report('search', 'query_p50_ms', percentile(times, 50), {
    ...tags,
    queries: queries.length,
    passes: MEASURED_PASSES,
  });
  report('search', 'query_p95_ms', percentile(times, 95), {
    ...tags,
    queries: queries.length,
    passes: MEASURED_PASSES,
  });
  report('search', 'query_max_ms', times[times.length - 1] ?? NaN, tags);
  slow.sort((a, b) => b.ms - a.ms);
  process.stderr.write(
    `slowest at ${books}:\n${slow
      .slice(0, 5)
      .map((s) => `  ${s.ms.toFixed(1)} ms ${s.text}`)
      .join('\n')}\n`,
  );
}

/**
 * `npm run bench -- search [--books 10000,100000]`: index build time, restore
 * time, p50/p95 query latency over a fixed mix of 200 queries, snapshot size.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { books: { type: 'string', default: '10000,100000' } },
  });
  const sizes = (values.books ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  for (const books of sizes) await benchSize(books);
}
