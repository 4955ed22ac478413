import { describe, expect, it } from 'vitest';
import { EpubOpenError, epubBytes, openFailure, type BytesFetch } from './epub-bytes';

const remote = { kind: 'remote' as const, bookId: 'book:1', url: '/api/files/f/book.epub' };

function answering(status: number, body: string): BytesFetch {
  return () =>
    Promise.resolve({
      ok: status >= 200 && status < 300,
      status,
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode(body).buffer),
      text: () => Promise.resolve(body),
    });
}

describe("an EPUB's bytes", () => {
  it('come from a blob kept on this device', async () => {
    const bytes = await epubBytes({ kind: 'blob', blob: new Blob(['PK']) });
    expect(new TextDecoder().decode(bytes)).toBe('PK');
  });

  it('come from the agent, with the session cookie', async () => {
    const asked: unknown[] = [];
    const fetchBytes: BytesFetch = (url, init) => {
      asked.push([url, init]);
      return answering(200, 'PK')(url, init);
    };
    await epubBytes(remote, fetchBytes);
    expect(asked).toEqual([[remote.url, { credentials: 'same-origin' }]]);
  });

  const refusals: [number, string, RegExp][] = [
    [
      404,
      JSON.stringify({ message: 'The file is no longer where the agent found it.' }),
      /no longer where/,
    ],
    [500, '<html>Bad gateway</html>', /answered 500/],
    [401, '{}', /sign in again/],
  ];
  for (const [status, body, said] of refusals)
    it(`say why the agent refused (${status})`, async () => {
      await expect(epubBytes(remote, answering(status, body))).rejects.toThrow(said);
    });

  it('say the agent cannot be reached when the network fails', async () => {
    const offline: BytesFetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(epubBytes(remote, offline)).rejects.toBeInstanceOf(EpubOpenError);
    await expect(epubBytes(remote, offline)).rejects.toThrow(/cannot be reached/);
  });
});

describe('why epubjs could not open a file', () => {
  const cases: [unknown, RegExp][] = [
    [
      new Error("Can't find end of central directory : is this a zip file ?"),
      /not a readable EPUB/,
    ],
    [new Error("Corrupted zip : can't find end of central directory"), /not a readable EPUB/],
    [new Error('File not found in the epub: META-INF/container.xml'), /missing a part/],
    [new EpubOpenError('Your session has ended.'), /^Your session has ended\.$/],
    ['something odd', /could not be shown \(something odd\)/],
  ];
  for (const [error, said] of cases)
    it(String(error), () => expect(openFailure(error)).toMatch(said));
});
