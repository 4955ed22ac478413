import { describe, expect, it } from 'vitest';
import type { MergeCandidate } from '../../merge/sources';
import { fakeFetch } from '#test-support/fake-fetch';
import { comicVineClient } from './client';
import { lookupComicVine } from './lookup';
import { comicVineAnswerOk } from './schema';

/**
 * There is no recorded Comic Vine answer in the corpus (see SOURCES.md), so
 * these fixtures are written here after the shape the API documentation
 * gives (comicvine.gamespot.com/api/documentation): the status envelope,
 * volumes with start_year as text and issues with issue_number as text.
 */
const envelope = (results: unknown, status = 1, error = 'OK') => ({
  error,
  limit: 20,
  offset: 0,
  number_of_page_results: Array.isArray(results) ? results.length : 1,
  number_of_total_results: Array.isArray(results) ? results.length : 1,
  status_code: status,
  results,
  version: '1.0',
});

const VOLUMES = [
  {
    id: 796,
    name: 'Batman',
    start_year: '1940',
    count_of_issues: 713,
    publisher: { id: 10, name: 'DC Comics' },
    image: null,
  },
  {
    id: 42721,
    name: 'Batman',
    start_year: '2011',
    count_of_issues: 53,
    publisher: { id: 10, name: 'DC Comics' },
    description: '<p>The New 52 run of Batman, by Scott Snyder and Greg Capullo.</p>',
    deck: 'The New 52 Batman.',
    image: { original_url: 'https://cv/vol.jpg' },
  },
  {
    id: 91273,
    name: 'Batman',
    start_year: '2016',
    count_of_issues: 159,
    publisher: { id: 10, name: 'DC Comics' },
    image: null,
  },
];

const ISSUE = {
  id: 290432,
  name: 'Knightfall, Part One',
  issue_number: '13',
  cover_date: '2012-12-01',
  store_date: '2012-10-17',
  description: '<p>The Joker returns.</p>',
  deck: null,
  volume: { id: 42721, name: 'Batman' },
  image: { original_url: 'https://cv/issue.jpg', super_url: 'https://cv/issue-super.jpg' },
  site_detail_url: 'https://comicvine.gamespot.com/batman-13/4000-290432/',
};

const FULL_ISSUE = {
  ...ISSUE,
  person_credits: [
    { id: 1, name: 'Scott Snyder', role: 'writer' },
    { id: 2, name: 'Greg Capullo', role: 'penciler, cover' },
  ],
};

function server(key = 'SECRET') {
  return fakeFetch((url) => {
    if (url.searchParams.get('api_key') !== key)
      return { status: 401, body: envelope([], 100, 'Invalid API Key') };
    if (url.pathname === '/api/volumes/') return { body: envelope(VOLUMES) };
    if (url.pathname === '/api/issues/') {
      const filter = url.searchParams.get('filter') ?? '';
      return {
        body: envelope(filter.startsWith('volume:42721,') && filter.endsWith(':13') ? [ISSUE] : []),
      };
    }
    if (url.pathname === '/api/issue/4000-290432/') return { body: envelope(FULL_ISSUE) };
    return undefined;
  });
}

const byField = (candidates: MergeCandidate[]) =>
  Object.fromEntries(candidates.map((c) => [c.field, c.value]));

describe('Comic Vine', () => {
  it('finds an issue by series, number and year, choosing the run of that year', async () => {
    const fetch = server();
    const client = comicVineClient({ fetch, baseUrl: 'https://cv.test/api', apiKey: 'SECRET' });
    const result = await lookupComicVine(client, { series: 'Batman', number: 13, year: 2012 });
    expect(result.error).toBeUndefined();
    expect(result.match).toEqual({ score: 1, applied: true });
    expect(byField(result.candidates)).toEqual({
      title: 'Knightfall, Part One',
      series: { name: 'Batman', number: 13, kind: 'series' },
      authors: [{ name: 'Scott Snyder', roles: ['aut'] }],
      contributors: [
        { name: 'Greg Capullo', roles: ['art', 'comic:penciller', 'cov', 'comic:cover-artist'] },
      ],
      identifiers: [{ scheme: 'comicvine', value: '4000-290432' }],
      publisher: 'DC Comics',
      published: '2012-12-01',
      description: '<p>The Joker returns.</p>',
      // The run's own facts, which its series page says once.
      seriesDescription: '<p>The New 52 run of Batman, by Scott Snyder and Greg Capullo.</p>',
      seriesStartYear: 2011,
    });
    expect(result.covers).toEqual([{ url: 'https://cv/issue.jpg' }]);
    expect(fetch.calls.map((u) => new URL(u).searchParams.get('format'))).toEqual([
      'json',
      'json',
      'json',
    ]);
  });

  it('gives a volume’s facts when only the series is asked: publisher, start year, description', async () => {
    const client = comicVineClient({ fetch: server(), apiKey: 'SECRET' });
    const result = await lookupComicVine(client, { series: 'Batman', year: 2012 });
    expect(byField(result.candidates)).toEqual({
      series: { name: 'Batman', kind: 'series' },
      publisher: 'DC Comics',
      seriesDescription: '<p>The New 52 run of Batman, by Scott Snyder and Greg Capullo.</p>',
      seriesStartYear: 2011,
    });
  });

  it('answers not-configured without a key, asking nothing', async () => {
    const fetch = server();
    const client = comicVineClient({ fetch });
    const result = await lookupComicVine(client, { series: 'Batman', number: 1 });
    expect(result.error?.kind).toBe('not-configured');
    expect(result.error?.message).toContain('COLOPHON_COMICVINE_KEY');
    expect(fetch.calls).toEqual([]);
  });

  it('reads a refused key (HTTP 401, status 100) as not-configured, never echoing the key', async () => {
    const client = comicVineClient({ fetch: server('OTHER'), apiKey: 'SECRET' });
    const result = await client.volumes('Batman');
    expect(result.ok || result.error.kind).toBe('not-configured');
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });

  it('reads error envelopes: rate limit, filter error', async () => {
    const answers = [envelope([], 107, 'Rate limit exceeded'), envelope([], 104, 'Filter Error')];
    const client = comicVineClient({
      fetch: fakeFetch(() => ({ body: answers.shift() })),
      apiKey: 'K',
    });
    const first = await client.volumes('x');
    const second = await client.volumes('x');
    expect(first.ok || first.error.kind).toBe('rate-limited');
    expect(second.ok || second.error.kind).toBe('invalid-response');
    expect(second.ok || second.error.message).toContain('Filter Error');
  });

  it('rejects results of the wrong shape', async () => {
    const client = comicVineClient({
      fetch: fakeFetch(() => ({ body: envelope([{ id: 'x' }]) })),
      apiKey: 'K',
    });
    const result = await client.volumes('x');
    expect(result.ok || result.error.kind).toBe('invalid-response');
  });

  it('caches only good envelopes', () => {
    expect(comicVineAnswerOk(envelope(VOLUMES))).toBe(true);
    expect(comicVineAnswerOk(envelope([], 100, 'Invalid API Key'))).toBe(false);
    expect(comicVineAnswerOk({ nope: true })).toBe(false);
  });

  it('suggests, without applying, an issue whose year is far off', async () => {
    const client = comicVineClient({ fetch: server(), apiKey: 'SECRET' });
    const result = await lookupComicVine(client, { series: 'Batmn', number: 13, year: 2030 });
    // The 2016 run cannot hold a 2030 issue better than 2011's by name alone; the issue is in 2011's.
    expect(result.match?.applied ?? false).toBe(false);
  });
});
