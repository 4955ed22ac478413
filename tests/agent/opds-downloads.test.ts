import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMIC_PAGES, openOpdsLibrary, type OpdsLibrary } from '../support/opds-library';
import { parseOpds1, type ParsedPublication } from '../support/opds-parsers';

const ACQUISITION = 'http://opds-spec.org/acquisition';
const PNG = [0x89, 0x50, 0x4e, 0x47];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

describe('downloads, comic pages and covers under /opds, with an app password', () => {
  let lib: OpdsLibrary;
  let root: string;
  let books: ParsedPublication[];

  const acquisitions = (title: string) =>
    books.find((b) => b.metadata.title === title)?.links.filter((l) => l.rel === ACQUISITION) ?? [];

  beforeAll(async () => {
    lib = await openOpdsLibrary();
    root = (
      lib.agent.agent.ctx.db.prepare('SELECT root FROM folders LIMIT 1').get() as { root: string }
    ).root;
    books = parseOpds1(await (await lib.get('/opds/all')).text()).publications ?? [];
  });
  afterAll(async () => {
    await lib?.close();
  });

  const cases: [string, string, string, string][] = [
    ['Dune', 'dune.epub', 'application/epub+zip', 'Dune.epub'],
    ['Captain Test', 'captain.cbz', 'application/vnd.comicbook+zip', 'Captain Test.cbz'],
    ['The Manual', 'manual.pdf', 'application/pdf', 'The Manual.pdf'],
    ['Palm Story', 'palm.mobi', 'application/x-mobipocket-ebook', 'Palm Story.mobi'],
  ];
  it.each(cases)(
    'downloads %s from its acquisition link: the file’s bytes, its media type, a name from its title',
    async (title, file, type, name) => {
      const [link] = acquisitions(title);
      expect(link?.type).toBe(type);
      const response = await lib.get(link?.href ?? '');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      const disposition = response.headers.get('content-disposition') ?? '';
      expect(/^attachment; filename="?([^";]+)"?$/.exec(disposition)?.[1]).toBe(name);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(root, file)))).toBe(
        true,
      );
    },
  );

  it('resumes a download (a Range request answers 206 with the part asked for)', async () => {
    const [link] = acquisitions('Captain Test');
    const response = await lib.get(link?.href ?? '', { headers: { range: 'bytes=0-9' } });
    expect(response.status).toBe(206);
    const part = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(part).equals(readFileSync(join(root, 'captain.cbz')).subarray(0, 10))).toBe(
      true,
    );
  });

  it('offers a MOBI book as EPUB too, converted by the agent', async () => {
    const epub = acquisitions('Palm Story').find((l) => l.type === 'application/epub+zip');
    expect(epub?.href).toMatch(/\/opds\/books\/\w+\/epub\/Palm%20Story\.epub$/);
    const response = await lib.get(epub?.href ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/epub+zip');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const notMobi = await lib.get(`/opds/books/${lib.bookId('dune.epub')}/epub`);
    expect(notMobi.status).toBe(409);
  });

  it('streams a comic a page at a time (Page Streaming, pages from 0)', async () => {
    const comic = books.find((b) => b.metadata.title === 'Captain Test');
    const stream = comic?.links.find((l) => l.rel === 'http://vaemendis.net/opds-pse/stream');
    const page = (n: number) =>
      (stream?.href ?? '').replace('{pageNumber}', String(n)).replace('{maxWidth}', '800');
    const first = await lib.get(page(0));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(startsWith(new Uint8Array(await first.arrayBuffer()), PNG)).toBe(true);
    expect((await lib.get(page(COMIC_PAGES - 1))).status).toBe(200);
    const past = await lib.get(page(COMIC_PAGES));
    expect(past.status).toBe(404);
    expect(((await past.json()) as { message: string }).message).toMatch(/has 5 pages/);
    expect((await lib.get(`/opds/books/${lib.bookId('captain.cbz')}/pages/-1`)).status).toBe(400);
    expect((await lib.get(`/opds/books/${lib.bookId('dune.epub')}/pages/0`)).status).toBe(409);
  });

  it('serves covers and thumbnails as WebP', async () => {
    const comic = books.find((b) => b.metadata.title === 'Captain Test');
    expect(comic?.images?.length).toBeGreaterThan(0);
    for (const image of comic?.images ?? []) {
      const response = await lib.get(image.href);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
    }
    expect((await lib.get('/opds/covers/nothex/small')).status).toBe(404);
    expect((await lib.get(`/opds/covers/${'a'.repeat(64)}/constructor`)).status).toBe(404);
  });

  it('answers 404 for a book that is not in the catalog, or whose file went away', async () => {
    expect((await lib.get('/opds/books/nosuchbook/file')).status).toBe(404);
    const [link] = acquisitions('The Manual');
    rmSync(join(root, 'manual.pdf'));
    const gone = await lib.get(link?.href ?? '');
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: string }).error).toBe('file-missing');
  });
});
