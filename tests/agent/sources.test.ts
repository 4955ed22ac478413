import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalSourceId } from '#core/merge/sources';
import { lookup, type LookupQuery } from '#core/sources/lookup';
import { openDatabase, type Db } from '../../agent/db/sqlite';
import type { ResilienceOptions } from '../../agent/sources/resilience';
import { ResponseCache } from '../../agent/sources/response-cache';
import { buildSources, sourceSettings } from '../../agent/sources/source-config';
import { corpusDir, NO_CORPUS_MESSAGE } from '../support/corpus';
import { startSourceServer, type SourceServer } from '../support/source-server';
import { tempDir } from '../support/temp';

/** Short limits so failures show in milliseconds, not minutes. */
const FAST: Partial<ResilienceOptions> = {
  rateLimits: [{ limit: 100, intervalMs: 1000 }],
  timeoutMs: 300,
  maxAttempts: 3,
  backoff: { initialMs: 10, maxMs: 40 },
  maxRetryAfterMs: 5000,
  breaker: { failures: 4, coolDownMs: 400 },
};
const fast = (extra: Partial<ResilienceOptions> = {}) => {
  const options = { ...FAST, ...extra };
  return { openlibrary: options, googlebooks: options, comicvine: options };
};

const FRENCH_ISBN: LookupQuery = { kind: 'book', isbn: '9782070427796' };
const KEY = 'TOPSECRET-cv-key';

describe.skipIf(!corpusDir)('external sources against a local server', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  let server: SourceServer;
  const dir = tempDir('sources');
  const dbs: Db[] = [];
  let n = 0;

  beforeAll(async () => {
    server = await startSourceServer();
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    for (const db of dbs) if (db.open) db.close();
    await server.close();
    dir.remove();
  });

  /** Fresh sources (own breakers and counters) over the env the agent reads, with an optional cache. */
  function sources(
    options: {
      cache?: ResponseCache;
      log?: string[];
      resilience?: Partial<ResilienceOptions>;
    } = {},
  ) {
    const settings = sourceSettings({ ...server.env, COLOPHON_COMICVINE_KEY: KEY });
    return buildSources(settings, {
      resilience: fast(options.resilience),
      ...(options.cache && { cache: options.cache }),
      ...(options.log && { log: (line: string) => options.log?.push(line) }),
    });
  }
  function cacheFile(file = join(dir.path, `cache-${++n}.sqlite`)) {
    const db = openDatabase(file);
    dbs.push(db);
    return { file, db, cache: new ResponseCache(db) };
  }
  const source = (result: Awaited<ReturnType<typeof lookup>>, id: ExternalSourceId) => {
    const found = result.sources.find((s) => s.source === id);
    if (!found) throw new Error(`${id} was not asked`);
    return found;
  };
  const title = (result: Awaited<ReturnType<typeof lookup>>, id: ExternalSourceId) =>
    source(result, id).candidates.find((c) => c.field === 'title')?.value;

  it('reads Open Library, Google Books and Comic Vine (happy path, config from the environment)', async () => {
    const { clients } = sources();
    expect(title(await lookup(FRENCH_ISBN, clients), 'openlibrary')).toBe('Les ombres errantes');
    expect(
      title(await lookup({ kind: 'book', isbn: '9781761186769' }, clients), 'googlebooks'),
    ).toBe('Everything is Beautiful and Everything Hurts');
    const comic = await lookup({ kind: 'comic', series: 'Saga', number: 1, year: 2012 }, clients);
    expect(source(comic, 'comicvine')).toMatchObject({
      match: { applied: true },
      covers: [{ url: 'https://comicvine.example/saga-1.jpg' }],
    });
    expect(title(comic, 'comicvine')).toBe('Chapter One');
    // The key went to Comic Vine, as its API wants.
    expect(server.requests.some((r) => r.startsWith('/cv/') && r.includes(`api_key=${KEY}`))).toBe(
      true,
    );
  });

  it('retries a 500 and succeeds', async () => {
    const { clients, health } = sources();
    const before = server.hits('/ol/api/books');
    server.script('/ol/api/books', { status: 500, body: 'Internal Server Error' });
    const result = await lookup(FRENCH_ISBN, clients);
    expect(title(result, 'openlibrary')).toBe('Les ombres errantes');
    expect(server.hits('/ol/api/books') - before).toBe(2);
    const ol = health().find((h) => h.source === 'openlibrary');
    expect(ol).toMatchObject({ circuit: 'closed', failures: 1, lastError: { kind: 'http' } });
  });

  it('waits out a 429 for at least its Retry-After', async () => {
    const { clients } = sources();
    server.script('/ol/api/books', { status: 429, headers: { 'retry-after': '1' } });
    const started = performance.now();
    const result = await lookup(FRENCH_ISBN, clients);
    const waited = performance.now() - started;
    expect(title(result, 'openlibrary')).toBe('Les ombres errantes');
    // A lower bound only (a sleep never ends early); the upper one is the test's time limit, far
    // from the hour a client that ignored Retry-After's unit would wait.
    expect(waited).toBeGreaterThanOrEqual(990);
  });

  it('gives up on a Retry-After longer than it will wait: rate-limited, at once', async () => {
    const { clients } = sources();
    server.script('/gb/books/v1/volumes', { status: 429, headers: { 'retry-after': '3600' } });
    // "At once": the answer comes well inside the test's time limit, not after the hour asked.
    const gb = source(await lookup(FRENCH_ISBN, clients), 'googlebooks');
    expect(gb.error?.toJSON()).toMatchObject({ kind: 'rate-limited', retryAfter: 3600 });
  });

  it('ends a request that never answers as a timeout, quickly', async () => {
    const { clients } = sources({ resilience: { maxAttempts: 2 } });
    server.fail('/ol/', 'hang');
    // Two attempts of 300 ms: a request that hangs is ended by the timeout (else the test's own
    // time limit would end it, and the kind below would not be 'timeout').
    const result = await lookup(FRENCH_ISBN, clients);
    expect(source(result, 'openlibrary').error?.kind).toBe('timeout');
    // The other source is not held up by it.
    expect(source(result, 'googlebooks').error).toBeUndefined();
  });

  it('reads malformed JSON as an invalid response: no candidates, nothing cached', async () => {
    const { cache } = cacheFile();
    const { clients } = sources({ cache });
    server.fail('/ol/', 'malformed');
    const ol = source(await lookup(FRENCH_ISBN, clients), 'openlibrary');
    expect(ol.error?.kind).toBe('invalid-response');
    expect(ol.candidates).toEqual([]);
    expect(cache.keys().filter((k) => k.includes('/ol/'))).toEqual([]);
  });

  it('opens the circuit after repeated failures, asks nothing while open, closes after the cool-down', async () => {
    const { clients, health } = sources();
    server.fail('/ol/', { status: 503 });
    // 3 attempts per lookup; the 4th failure in a row opens the circuit.
    await lookup(FRENCH_ISBN, clients);
    const second = await lookup(FRENCH_ISBN, clients);
    expect(source(second, 'openlibrary').error?.kind).toBe('circuit-open');
    expect(health().find((h) => h.source === 'openlibrary')?.circuit).toBe('open');

    const hits = server.hits('/ol/');
    const third = await lookup(FRENCH_ISBN, clients);
    expect(source(third, 'openlibrary').error?.kind).toBe('circuit-open');
    expect(source(third, 'openlibrary').error?.message).toMatch(/paused/);
    expect(server.hits('/ol/')).toBe(hits);
    expect(health().find((h) => h.source === 'openlibrary')?.rejected).toBeGreaterThanOrEqual(1);

    server.fail('/ol/', undefined);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const fourth = await lookup(FRENCH_ISBN, clients);
    expect(title(fourth, 'openlibrary')).toBe('Les ombres errantes');
    expect(health().find((h) => h.source === 'openlibrary')?.circuit).toBe('closed');
  });

  it('keeps the circuit of one source apart from the others', async () => {
    const { clients, health } = sources();
    server.fail('/ol/', { status: 500 });
    await lookup(FRENCH_ISBN, clients);
    await lookup(FRENCH_ISBN, clients);
    const states = Object.fromEntries(health().map((h) => [h.source, h.circuit]));
    expect(states).toEqual({ openlibrary: 'open', googlebooks: 'closed', comicvine: 'closed' });
  });

  it('serves a second identical lookup from the cache, also after reopening the SQLite file', async () => {
    const first = cacheFile();
    const a = sources({ cache: first.cache });
    const hits = server.requests.length;
    const one = await lookup(FRENCH_ISBN, a.clients);
    const asked = server.requests.length - hits;
    expect(asked).toBeGreaterThan(0);
    const two = await lookup(FRENCH_ISBN, a.clients);
    expect(server.requests.length - hits).toBe(asked);
    expect(two).toEqual(one);
    expect(a.health().find((h) => h.source === 'openlibrary')?.cacheHits).toBeGreaterThan(0);

    first.db.close();
    const reopened = cacheFile(first.file);
    const b = sources({ cache: reopened.cache });
    expect(await lookup(FRENCH_ISBN, b.clients)).toEqual(one);
    expect(server.requests.length - hits).toBe(asked);
  });

  it('does not serve or keep answers older than an hour', async () => {
    const { db } = cacheFile();
    let now = Date.now();
    const cache = new ResponseCache(db, { now: () => now });
    await lookup(FRENCH_ISBN, sources({ cache }).clients);
    const stored = cache.keys().length;
    expect(stored).toBeGreaterThan(0);
    now += 60 * 60 * 1000 + 1;
    expect(
      cache.get(
        'GET',
        `${server.env.COLOPHON_OPENLIBRARY_URL}/api/books?bibkeys=ISBN%3A9782070427796&jscmd=data&format=json`,
      ),
    ).toBeUndefined();
    expect(cache.prune()).toBe(stored);
    expect(cache.keys()).toEqual([]);
  });

  it('keeps the API key out of cache keys, logs and errors', async () => {
    const { cache } = cacheFile();
    const log: string[] = [];
    // A breaker that stays closed: this test wants each failure to reach the server.
    const { clients } = sources({
      cache,
      log,
      resilience: { breaker: { failures: 50, coolDownMs: 400 } },
    });
    await lookup({ kind: 'comic', series: 'Saga', number: 1 }, clients);
    expect(cache.keys().some((k) => k.startsWith('GET ') && k.includes('/cv/api/volumes/'))).toBe(
      true,
    );

    server.fail('/cv/', { status: 500, body: `{"error":"api_key=${KEY} broke"}` });
    const failed = await lookup({ kind: 'comic', series: 'Saga', number: 2 }, clients);
    const error = source(failed, 'comicvine').error;
    expect(error?.kind).toBe('http');
    server.fail('/cv/', 'hang');
    const timedOut = await lookup({ kind: 'comic', series: 'Other', number: 3 }, clients);
    expect(source(timedOut, 'comicvine').error?.kind).toBe('timeout');

    expect(log.some((line) => line.startsWith('comicvine: retry'))).toBe(true);
    const everything = JSON.stringify({
      keys: cache.keys(),
      log,
      failed,
      timedOut,
      error: error?.message,
    });
    expect(everything).not.toContain(KEY);
  });

  it('keeps to the rate limit', async () => {
    const { clients } = sources({ resilience: { rateLimits: [{ limit: 1, intervalMs: 150 }] } });
    const started = performance.now();
    // Open Library: the ISBN answer, then its edition (404 here): two requests, 150 ms apart.
    await lookup({ kind: 'book', isbn: '9782070427796' }, { openlibrary: clients.openlibrary });
    // A lower bound only: the limiter's wait never ends early (a little slack for timer rounding).
    expect(performance.now() - started).toBeGreaterThanOrEqual(120);
  });
});
