import type { ArchiveEntryInfo, ArchiveReader } from '#core/archive/archive';
import { BookFormatError } from '#core/errors';
import { openComicArchive } from '#core/formats/comic/container';
import { findMetadataEntry, MAX_METADATA_BYTES } from '#core/formats/comic/index';
import { sortPages } from '#core/formats/comic/pages';
import { readsRightToLeft } from '#core/formats/comic/reading-direction';
import type { FormatPlatform } from '#core/formats/platform';
import { sniffImageType } from '#core/images/image-type';
import { blobSource } from '$lib/local/fs/blob-source';
import { PageSourceError, type PageSource } from './page-source';
import { PageUrls } from './page-urls';

/** No page of a real comic comes near this (the agent's cap too); a larger entry is refused unread. */
export const MAX_PAGE_BYTES = 64 * 1024 * 1024;

/** Raster images only: an SVG in an archive could carry script. */
const PAGE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/jxl',
  'image/bmp',
]);

/**
 * A comic read in this browser from its whole file (a copy kept offline, a
 * picked folder's file), with the scanner's archive code: zip.js reads a
 * CBZ's directory and one entry at a time from the Blob; RAR, 7z and tar go
 * through `platform` (libarchive.js in a worker). Pages are the entries
 * sortPages chooses, in its order, as the agent serves them; each is
 * extracted when first asked for.
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
    const pages = sortPages(archive.entries);
    if (pages.some((page) => page.encrypted))
      throw new PageSourceError(
        `${name} is password-protected: its pages are encrypted and cannot be shown.`,
        'book',
      );
    const rightToLeft = await comicInfoRightToLeft(archive);
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
  const page = pages[index];
  if (!page) throw new PageSourceError(`There is no page ${index + 1}.`, 'page');
  let bytes: Uint8Array;
  try {
    bytes = await archive.read(page.name, MAX_PAGE_BYTES);
  } catch (error) {
    throw asSourceError(error, 'page');
  }
  const type = sniffImageType(bytes);
  if (!type || !PAGE_TYPES.has(type))
    throw new PageSourceError(
      `Page ${index + 1} ("${page.name}") is not a JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP image, whatever its name says.`,
      'page',
    );
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}

/** ComicInfo's reading direction; a missing or unreadable ComicInfo reads left to right. */
async function comicInfoRightToLeft(archive: ArchiveReader): Promise<boolean> {
  const entry = findMetadataEntry(archive.entries, 'ComicInfo.xml');
  if (!entry) return false;
  try {
    return readsRightToLeft(await archive.readText(entry.name, MAX_METADATA_BYTES), entry.name);
  } catch (error) {
    if (error instanceof BookFormatError) return false;
    throw error;
  }
}

/** The format the name says, for messages only: the container is chosen by content. */
function formatOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension ?? 'cbz';
}

function asSourceError(error: unknown, scope: 'book' | 'page'): PageSourceError {
  if (error instanceof PageSourceError) return error;
  return new PageSourceError(error instanceof Error ? error.message : String(error), scope);
}
