import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { sniffImageType } from '#core/images/image-type';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { makeCbz, pagePng } from '#test-support/make-comic';
import { libarchivePlatform } from '../../../../agent/platform/libarchive/index';
import { openBlobPages } from './blob-pages';
import { PageSourceError, type PageSource } from './page-source';

/**
 * The in-browser page source on real archives (read in place from the
 * shared corpus) and generated ones. RAR and 7z go through the agent's
 * libarchive platform here: the browser's is the same libarchive.js build
 * in a Web Worker, which Node has not got.
 */

const platform = libarchivePlatform();
const opened: PageSource[] = [];
afterAll(() => opened.forEach((pages) => pages.close()));

async function open(blob: Blob): Promise<PageSource> {
  const pages = await openBlobPages(blob, platform);
  opened.push(pages);
  return pages;
}

async function corpusFile(name: string): Promise<File> {
  return new File([new Uint8Array(await readFile(corpusPath(`comics/${name}`)))], name);
}

async function pageBytes(pages: PageSource, index: number): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(await pages.pageUrl(index))).arrayBuffer());
}

describe.skipIf(!corpusDir)('openBlobPages on the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const CAPTAIN_SCIENCE = [
    'comicbox_Captain Science #001.cbz',
    'comicbox_Captain Science #001.cb7',
    'comicbox_Captain Science #001-cbi.cbr',
  ];

  it.each(CAPTAIN_SCIENCE)('%s: five JPEG pages, left to right', async (name) => {
    const pages = await open(await corpusFile(name));
    expect(pages.count).toBe(5);
    expect(pages.rightToLeft).toBe(false);
    for (const index of [0, 4])
      expect(sniffImageType(await pageBytes(pages, index))).toBe('image/jpeg');
  });

  it('gives the same page N whatever the container', async () => {
    const [cbz, cb7, cbr] = await Promise.all(
      CAPTAIN_SCIENCE.map(async (n) => open(await corpusFile(n))),
    );
    for (const index of [0, 2, 4]) {
      const want = Buffer.from(await pageBytes(cbz!, index));
      expect(Buffer.from(await pageBytes(cb7!, index)).equals(want), `cb7 page ${index}`).toBe(
        true,
      );
      expect(Buffer.from(await pageBytes(cbr!, index)).equals(want), `cbr page ${index}`).toBe(
        true,
      );
    }
  });

  it('finds no pages in an empty archive', async () => {
    expect((await open(await corpusFile('comicbox_empty.cbz'))).count).toBe(0);
  });

  it('skips macOS resource forks', async () => {
    const pages = await open(await corpusFile('comicbox_macos_resource_fork.cbz'));
    for (let i = 0; i < pages.count; i++)
      expect(sniffImageType(await pageBytes(pages, i))).toBeDefined();
  });
});

describe('openBlobPages on generated comics', () => {
  it('orders pages naturally and reads Manga=YesAndRightToLeft', async () => {
    const cbz = await makeCbz({ pages: 12, rightToLeft: true, title: 'Manga' });
    const pages = await open(new File([cbz], 'manga.cbz'));
    expect(pages.count).toBe(12);
    expect(pages.rightToLeft).toBe(true);
    // page-10.png is the tenth page, not the second (code-point order would say so).
    expect(Buffer.from(await pageBytes(pages, 9)).equals(Buffer.from(pagePng(10, 400, 600)))).toBe(
      true,
    );
  });

  it('reads left to right without a ComicInfo', async () => {
    const pages = await open(new Blob([await makeCbz({ pages: 2 })]));
    expect(pages.rightToLeft).toBe(false);
  });

  it('keeps one URL per page until it is released, then revokes it', async () => {
    const pages = await open(new Blob([await makeCbz({ pages: 3 })]));
    const url = await pages.pageUrl(1);
    expect(await pages.pageUrl(1)).toBe(url);
    pages.release(1);
    await expect(fetch(url)).rejects.toThrow();
    expect(await pages.pageUrl(1)).not.toBe(url);
  });

  it('refuses a page that is not an image, and only that page', async () => {
    const zip = new ZipWriter(new BlobWriter());
    await zip.add('1.png', new TextReader('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    await zip.add('2.png', new TextReader('not an image'));
    const pages = await open(await zip.close());
    expect(pages.count).toBe(2);
    for (const index of [0, 1]) {
      const failure = await pages.pageUrl(index).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PageSourceError);
      expect(failure).toMatchObject({
        scope: 'page',
        message: expect.stringContaining(`Page ${index + 1}`),
      });
    }
  });

  it('says a file that is no archive cannot be read, for the whole book', async () => {
    const failure = await openBlobPages(new File(['hello'], 'notes.cbz'), platform).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PageSourceError);
    expect(failure).toMatchObject({ scope: 'book', message: expect.stringContaining('notes.cbz') });
  });
});
