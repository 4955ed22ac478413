import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '#core/api/request-input';
import { comicPagesSchema, comicPagesUrl, comicPageUrl } from '#core/api/reading';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

/**
 * The comic reader's routes over a real agent: the corpus's comics and
 * hostile archives read in place, and comics made here for what the corpus
 * does not have (a right-to-left manga, a file that changes or vanishes).
 */

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

async function makeCbz(entries: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, data] of Object.entries(entries))
    await zip.add(
      name,
      typeof data === 'string' ? new TextReader(data) : new Uint8ArrayReader(data),
    );
  return zip.close();
}

const MANGA_INFO =
  '<?xml version="1.0"?><ComicInfo><Title>Manga</Title><Manga>YesAndRightToLeft</Manga></ComicInfo>';

const CAPTAIN_SCIENCE = [
  'comics/comicbox_Captain Science #001.cbz',
  'comics/comicbox_Captain Science #001-cbi.cbr',
  'comics/comicbox_Captain Science #001.cb7',
  'comics/comicbox_Captain Science #001-cix.cbt',
];

const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

describe('comic pages (/api/books/:id/pages)', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('pages-data');
  const made = tempDir('pages-made');
  let agent: TestAgent;
  let reader: TestSession;

  /** The book id of a file, by its path below its library folder (corpus paths drop the folder). */
  function bookId(relPath: string): string {
    const row = agent.agent.ctx.db
      .prepare('SELECT book_id FROM files WHERE rel_path = ?')
      .get(relPath.replace(/^(comics|bad)\//, '')) as { book_id: string } | undefined;
    if (!row) throw new Error(`${relPath} was not cataloged`);
    return row.book_id;
  }

  async function pagesOf(relPath: string, session: TestSession = reader) {
    const response = await session.fetch(comicPagesUrl(bookId(relPath)));
    expect(response.status, relPath).toBe(200);
    return comicPagesSchema.parse(await response.json());
  }

  async function refusal(response: Response) {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return apiErrorSchema.parse(await response.json());
  }

  beforeAll(async () => {
    writeFileSync(
      join(made.path, 'manga.cbz'),
      await makeCbz({
        'ComicInfo.xml': MANGA_INFO,
        'p10.png': PNG,
        'p2.png': PNG,
        'p1.png': PNG,
        'notes.txt': 'not a page',
      }),
    );
    writeFileSync(join(made.path, 'changing.cbz'), await makeCbz({ '1.png': PNG }));
    writeFileSync(join(made.path, 'vanishing.cbz'), await makeCbz({ '1.png': PNG }));
    writeFileSync(join(made.path, 'novel.epub'), await makeEpub({ title: 'A Novel' }));
    const folders = corpusDir ? [made.path, corpusPath('comics'), corpusPath('bad')] : [made.path];
    agent = await startTestAgent(data.path, folders);
    reader = await agent.signIn('rita', 'reader');
    await agent.scan();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    made.remove();
  });

  it.skipIf(!corpusDir).each(CAPTAIN_SCIENCE)(
    'lists the pages of %s in reading order, and serves each as an image',
    async (relPath) => {
      const { pages, rightToLeft } = await pagesOf(relPath);
      expect(pages.map((p) => p.name.split('/').pop())).toEqual([
        'CaptainScience#1_01.jpg',
        'CaptainScience#1_02.jpg',
        'CaptainScience#1_03.jpg',
        'CaptainScience#1_04.jpg',
        'CaptainScience#1_05.jpg',
      ]);
      expect(pages.every((p) => p.size > 0)).toBe(true);
      expect(rightToLeft).toBe(false);
      for (const index of [0, 4]) {
        const response = await reader.fetch(comicPageUrl(bookId(relPath), index));
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect(startsWith(bytes, JPEG)).toBe(true);
        expect(bytes.byteLength).toBe(pages[index]?.size);
      }
    },
  );

  it('reads right to left when ComicInfo says Manga=YesAndRightToLeft, pages in natural order', async () => {
    const { pages, rightToLeft } = await pagesOf('manga.cbz');
    expect(rightToLeft).toBe(true);
    expect(pages).toEqual([
      { name: 'p1.png', size: PNG.byteLength },
      { name: 'p2.png', size: PNG.byteLength },
      { name: 'p10.png', size: PNG.byteLength },
    ]);
    const page = await reader.fetch(comicPageUrl(bookId('manga.cbz'), 2));
    expect(page.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await page.arrayBuffer())).toEqual(PNG);
  });

  it('answers a page the browser has with 304, by its ETag', async () => {
    // As a browser's cache revalidates (fetch would add `no-cache` to an explicit If-None-Match).
    const revalidate = (etag: string | null) => ({
      headers: { 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' },
    });
    const url = comicPageUrl(bookId('manga.cbz'), 0);
    const first = await reader.fetch(url);
    expect(first.headers.get('etag')).toMatch(/^".+"$/);
    expect((await reader.fetch(url, revalidate(first.headers.get('etag')))).status).toBe(304);
    const list = await reader.fetch(comicPagesUrl(bookId('manga.cbz')));
    const listAgain = await reader.fetch(
      comicPagesUrl(bookId('manga.cbz')),
      revalidate(list.headers.get('etag')),
    );
    expect(listAgain.status).toBe(304);
  });

  it('keeps the archive open between page turns, and opens it again once the file changed', async () => {
    const id = bookId('changing.cbz');
    const { comics } = agent.agent.reading;
    await reader.fetch(comicPageUrl(id, 0));
    const opened = comics.opened;
    for (let i = 0; i < 3; i++) expect((await reader.fetch(comicPageUrl(id, 0))).status).toBe(200);
    expect(comics.opened).toBe(opened);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(made.path, 'changing.cbz'), later, later);
    expect((await reader.fetch(comicPageUrl(id, 0))).status).toBe(200);
    expect(comics.opened).toBe(opened + 1);
    expect(comics.size).toBeLessThanOrEqual(4);
  });

  it('refuses anyone not signed in', async () => {
    const response = await fetch(`${agent.url}${comicPageUrl(bookId('manga.cbz'), 0)}`);
    expect(response.status).toBe(401);
    const list = await fetch(`${agent.url}${comicPagesUrl(bookId('manga.cbz'))}`);
    expect(list.status).toBe(401);
  });

  it('refuses a book that is not a comic with 409, saying what it is', async () => {
    for (const url of [
      comicPagesUrl(bookId('novel.epub')),
      comicPageUrl(bookId('novel.epub'), 0),
    ]) {
      const response = await reader.fetch(url);
      expect(response.status).toBe(409);
      expect((await refusal(response)).message).toMatch(/EPUB file; only comic/);
    }
  });

  it('answers 404 for a page past the end, an unknown book, and a file gone from disk', async () => {
    const past = await reader.fetch(comicPageUrl(bookId('manga.cbz'), 3));
    expect(past.status).toBe(404);
    expect((await refusal(past)).message).toBe('This comic has 3 pages; there is no page 4.');

    const unknown = await reader.fetch(comicPagesUrl('no-such-book'));
    expect(unknown.status).toBe(404);
    expect((await refusal(unknown)).error).toBe('unknown-book');

    rmSync(join(made.path, 'vanishing.cbz'));
    const gone = await reader.fetch(comicPageUrl(bookId('vanishing.cbz'), 0));
    expect(gone.status).toBe(404);
    expect((await refusal(gone)).message).toMatch(/no longer in its library folder/);
  });

  it('refuses a page index that is not a number', async () => {
    const response = await reader.fetch(`${comicPagesUrl(bookId('manga.cbz'))}/first`);
    expect(response.status).toBe(400);
  });

  it.skipIf(!corpusDir)(
    'lists only the safe pages of an archive whose entries climb out of it',
    async () => {
      const { pages } = await pagesOf('bad/zip_path_traversal.cbz');
      expect(pages.map((p) => p.name)).toEqual(['001.png']);
      const page = await reader.fetch(comicPageUrl(bookId('bad/zip_path_traversal.cbz'), 0));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('image/png');
    },
  );

  it.skipIf(!corpusDir)('refuses a zip bomb’s page unread, and goes on serving', async () => {
    const id = bookId('bad/zip_bomb_1GiB_zeros.cbz');
    const { pages } = await pagesOf('bad/zip_bomb_1GiB_zeros.cbz');
    expect(pages.map((p) => p.name)).toEqual(['page001.jpg']);
    const page = await reader.fetch(comicPageUrl(id, 0));
    expect(page.status).toBe(422);
    expect((await refusal(page)).message).toMatch(/larger than 64 MiB.*zip bomb/);
    expect((await reader.fetch(comicPageUrl(bookId('manga.cbz'), 0))).status).toBe(200);
  });

  it
    .skipIf(!corpusDir)
    .each([
      'bad/random_garbage.cbz',
      'bad/truncated_captain-science-001.cbz',
      'comics/comicbox_empty.cbz',
    ])('answers a damaged or empty comic (%s) with a sentence, not a crash', async (relPath) => {
    const list = await reader.fetch(comicPagesUrl(bookId(relPath)));
    const page = await reader.fetch(comicPageUrl(bookId(relPath), 0));
    for (const response of [list, page]) {
      if (response.status === 200) continue;
      expect([404, 422]).toContain(response.status);
      expect((await refusal(response)).message).toMatch(/\.$/);
    }
    expect(page.status).not.toBe(200);
  });
});
