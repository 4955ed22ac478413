import type { ArchiveEntryInfo, ArchiveReader } from '#core/archive/archive';
import { ComicPageError, listComicPages, readPageImage } from '#core/formats/comic/comic-pages';
import { openComicArchive } from '#core/formats/comic/container';
import type { FormatPlatform } from '#core/formats/platform';
import { blobSource } from '$lib/local/fs/blob-source';
import { PageSourceError, type PageSource } from './page-source';
import { PageUrls } from './page-urls';

/**
 * A comic read in this browser from its whole file (a copy kept offline, a
 * picked folder's file), with the scanner's archive code: zip.js reads a
 * CBZ's directory and one entry at a time from the Blob; RAR, 7z and tar go
 * through `platform` (libarchive.js in a worker). Pages, their order and
 * the checks on each are core's (comic-pages.ts), as the agent serves them;
 * each is extracted when first asked for.
 */
export async function openBlobPages(blob: Blob, platform: FormatPlatform): Promise<PageSource> {
  const name = blob instanceof File && blob.name ? blob.name : 'This comic';
  let archive: ArchiveReader;
  try {
    ({ archive } = await openComicArchive(blobSource(blob, name), formatOf(name), platform));
  } catch (error) {
    throw asSourceError(error, 'book');
  }
  try {
    const { pages, rightToLeft } = await listComicPages(archive, name);
    const urls = new PageUrls();
    return {
      count: pages.length,
      rightToLeft,
      pageUrl: (index) => urls.get(index, () => extractPage(archive, pages, index)),
      release: (index) => urls.release(index),
      close: () => {
        urls.releaseAll();
        void archive.close();
      },
    };
  } catch (error) {
    await archive.close();
    throw asSourceError(error, 'book');
  }
}

async function extractPage(
  archive: ArchiveReader,
  pages: readonly ArchiveEntryInfo[],
  index: number,
): Promise<Blob> {
  try {
    const { bytes, mediaType } = await readPageImage(archive, pages, index);
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType });
  } catch (error) {
    throw asSourceError(error, 'page');
  }
}

/** The format the name says, for messages only: the container is chosen by content. */
function formatOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ?? 'cbz';
}

function asSourceError(error: unknown, scope: 'book' | 'page'): PageSourceError {
  if (error instanceof PageSourceError) return error;
  // A password-protected comic has no page to show; a bad page leaves the others readable.
  if (error instanceof ComicPageError && error.problem === 'encrypted')
    return new PageSourceError(error.message, 'book');
  return new PageSourceError(error instanceof Error ? error.message : String(error), scope);
}
