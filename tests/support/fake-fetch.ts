import type { SourceFetch, SourceResponse } from '#core/sources/http';

/** A canned answer: a JSON value (or a raw string body), a status, headers. */
export interface FakeAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeFetch = SourceFetch & { calls: string[] };

/**
 * A fetch for tests of the core, in memory: `answer` maps each URL to a
 * canned answer; undefined is a 404, a thrown error a network failure. It
 * records the URLs asked, in order.
 */
export function fakeFetch(answer: (url: URL) => FakeAnswer | undefined): FakeFetch {
  const calls: string[] = [];
  const fetch = (url: string): Promise<SourceResponse> => {
    calls.push(url);
    const found = answer(new URL(url)) ?? { status: 404, body: { error: 'not found' } };
    const body = typeof found.body === 'string' ? found.body : JSON.stringify(found.body ?? null);
    const headers = Object.fromEntries(
      Object.entries(found.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return Promise.resolve({
      status: found.status ?? 200,
      headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
      text: () => Promise.resolve(body),
    });
  };
  return Object.assign(fetch, { calls });
}
