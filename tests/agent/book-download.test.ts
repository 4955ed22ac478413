import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookFileUrl } from '#core/api/files';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/**
 * A book file downloads under its own name (what the reader offers for a
 * book it cannot open, and what the app keeps offline), and in ranges (the
 * EPUB and PDF readers fetch parts of it).
 */
describe('book downloads (/api/files/:folder/*path)', () => {
  const data = tempDir('download-data');
  const library = tempDir('download-library');
  let agent: TestAgent;
  let reader: TestSession;
  let folder: string;
  let book: Uint8Array;

  beforeAll(async () => {
    book = await makeEpub({ title: 'Café' });
    mkdirSync(join(library.path, 'Zola'));
    writeFileSync(join(library.path, 'Zola', 'Émile – Café #1.epub'), book);
    writeFileSync(join(library.path, 'plain.epub'), book);
    agent = await startTestAgent(data.path, [library.path]);
    reader = await agent.signIn('rita', 'reader');
    folder = (agent.agent.ctx.db.prepare('SELECT id FROM folders').get() as { id: string }).id;
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('names the file as an attachment, in ASCII and in full (RFC 5987) when it is not ASCII', async () => {
    const response = await reader.fetch(bookFileUrl(folder, 'Zola/Émile – Café #1.epub'));
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const full = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(full)).toBe('Émile – Café #1.epub');

    const plain = await reader.fetch(bookFileUrl(folder, 'plain.epub'));
    expect(plain.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?plain\.epub"?$/,
    );
  });

  it('answers a Range request with 206 and just those bytes', async () => {
    const url = bookFileUrl(folder, 'Zola/Émile – Café #1.epub');
    const whole = await reader.fetch(url);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const part = await reader.fetch(url, { headers: { range: 'bytes=10-29' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-29/${book.byteLength}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(book.subarray(10, 30));
  });
});
