import { describe, expect, it } from 'vitest';
import {
  BookDownloadError,
  httpRangeSource,
  totalSize,
  type RangeFetch,
} from './http-range-source';

const FILE = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

/** A file server in memory, as the agent answers (206 with Content-Range, 416 past the end). */
function server(
  file: Uint8Array,
  { ranges = true, etag = '"v1"' }: { ranges?: boolean; etag?: string } = {},
): RangeFetch & { asked: string[] } {
  const asked: string[] = [];
  const fetch: RangeFetch = (_url, init) => {
    const headers = new Headers(init.headers);
    const range = headers.get('range') ?? '';
    asked.push(range + (headers.get('if-range') ? ` if ${headers.get('if-range')}` : ''));
    const stale = headers.has('if-range') && headers.get('if-range') !== etag;
    const match = /^bytes=(\d+)-(\d+)$/.exec(range);
    if (!ranges || !match || stale)
      return Promise.resolve(new Response(file.slice(), { status: 200, headers: { etag } }));
    const start = Number(match[1]);
    if (start >= file.byteLength)
      return Promise.resolve(
        new Response(null, {
          status: 416,
          headers: { 'content-range': `bytes */${file.byteLength}` },
        }),
      );
    const end = Math.min(Number(match[2]), file.byteLength - 1);
    return Promise.resolve(
      new Response(file.slice(start, end + 1), {
        status: 206,
        headers: { etag, 'content-range': `bytes ${start}-${end}/${file.byteLength}` },
      }),
    );
  };
  return Object.assign(fetch, { asked });
}

describe('reading a file from the agent in ranges', () => {
  it('learns the size from the first range and reads only what is asked', async () => {
    const fetch = server(FILE);
    const source = await httpRangeSource('/api/files/f/book.pdf', 'Book', { first: 100, fetch });
    expect(source.size).toBe(1000);
    // The first range is kept: reading inside it costs nothing.
    expect(await source.read(10, 20)).toEqual(FILE.subarray(10, 30));
    expect(await source.read(900, 200)).toEqual(FILE.subarray(900, 1000));
    expect(fetch.asked).toEqual(['bytes=0-99', 'bytes=900-999 if "v1"']);
  });

  it('takes the whole file from a server that ignores Range', async () => {
    const fetch = server(FILE, { ranges: false });
    const source = await httpRangeSource('/f', 'Book', { first: 100, fetch });
    expect(source.size).toBe(1000);
    expect(await source.read(500, 10)).toEqual(FILE.subarray(500, 510));
    expect(fetch.asked).toHaveLength(1);
  });

  it('opens an empty file as empty', async () => {
    const source = await httpRangeSource('/f', 'Book', { fetch: server(new Uint8Array(0)) });
    expect(source.size).toBe(0);
  });

  it('notices a file replaced while it is read', async () => {
    let etag = '"v1"';
    const fetch: RangeFetch = (url, init) => server(FILE, { etag })(url, init);
    const source = await httpRangeSource('/f', 'Book', { first: 100, fetch });
    etag = '"v2"';
    await expect(source.read(500, 10)).rejects.toThrow(/changed on the agent/);
  });

  const statuses: [number, RegExp][] = [
    [401, /signed out/],
    [404, /no longer has this file/],
    [500, /HTTP 500.*Try again/],
  ];
  for (const [status, message] of statuses) {
    it(`says what to do about HTTP ${status}`, async () => {
      const fetch: RangeFetch = () => Promise.resolve(new Response('no', { status }));
      const error = await httpRangeSource('/f', 'Book', { fetch }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BookDownloadError);
      expect((error as BookDownloadError).message).toMatch(message);
      expect((error as BookDownloadError).status).toBe(status);
    });
  }

  it('says so when the agent cannot be reached', async () => {
    const fetch: RangeFetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(httpRangeSource('/f', 'Book', { fetch })).rejects.toThrow(/could not be reached/);
  });

  it('reads Content-Range totals', () => {
    expect(totalSize('bytes 0-65535/104857600')).toBe(104857600);
    expect(totalSize('bytes */0')).toBe(0);
    expect(totalSize('bytes 0-1/*')).toBeUndefined();
    expect(totalSize(null)).toBeUndefined();
  });
});
