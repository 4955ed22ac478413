import type { ArchiveEntryInfo, ArchiveReader } from '../../archive/archive';
import { BookFormatError } from '../../errors';
import { sniffImageType } from '../../images/image-type';
import { findMetadataEntry, MAX_METADATA_BYTES } from './index';
import { sortPages } from './pages';
import { readsRightToLeft } from './reading-direction';

/**
 * A comic's pages as the readers show them, the same on both hosts: the
 * agent serving pages one at a time and the browser reading a kept copy
 * agree on which entries are pages, their order, the direction, and which
 * bytes may be shown as a page.
 */

/** No page of a real comic comes near this; an entry claiming more is refused unread. */
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

const PAGE_TYPES_IN_WORDS = 'JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP';

/** An open comic's pages in reading order, and which way they turn. */
export interface ComicPageList {
  readonly pages: readonly ArchiveEntryInfo[];
  /** ComicInfo.xml says `Manga=YesAndRightToLeft`. */
  readonly rightToLeft: boolean;
}

/** Why a page cannot be shown; each host turns the kind into its own answer. */
export type ComicPageProblem = 'encrypted' | 'no-such-page' | 'not-an-image';

export class ComicPageError extends Error {
  override name = 'ComicPageError';
  constructor(
    readonly problem: ComicPageProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The archive's pages and direction; a password-protected comic is refused whole. */
export async function listComicPages(
  archive: ArchiveReader,
  fileName: string,
): Promise<ComicPageList> {
  const pages = sortPages(archive.entries);
  if (pages.some((page) => page.encrypted)) {
    throw new ComicPageError(
      'encrypted',
      `${fileName} is password-protected: its pages are encrypted and cannot be shown.`,
    );
  }
  return { pages, rightToLeft: await rightToLeft(archive) };
}

/** One page's bytes, by its index in reading order (from 0), checked to be a raster image. */
export async function readPageImage(
  archive: ArchiveReader,
  pages: readonly ArchiveEntryInfo[],
  index: number,
): Promise<{ bytes: Uint8Array; mediaType: string }> {
  const page = pages[index];
  if (!page) {
    const count = pages.length;
    throw new ComicPageError(
      'no-such-page',
      count === 0
        ? `This comic has no pages (no ${PAGE_TYPES_IN_WORDS} images).`
        : `This comic has ${count} page${count === 1 ? '' : 's'}; there is no page ${index + 1}.`,
    );
  }
  const bytes = await archive.read(page.name, MAX_PAGE_BYTES);
  const mediaType = sniffImageType(bytes);
  if (!mediaType || !PAGE_TYPES.has(mediaType)) {
    throw new ComicPageError(
      'not-an-image',
      `Page ${index + 1} ("${page.name}") is not a ${PAGE_TYPES_IN_WORDS} image, whatever its name says.`,
    );
  }
  return { bytes, mediaType };
}

/** ComicInfo's reading direction; a missing or unreadable ComicInfo reads left to right. */
async function rightToLeft(archive: ArchiveReader): Promise<boolean> {
  const entry = findMetadataEntry(archive.entries, 'ComicInfo.xml');
  if (!entry) return false;
  try {
    return readsRightToLeft(await archive.readText(entry.name, MAX_METADATA_BYTES), entry.name);
  } catch (error) {
    if (error instanceof BookFormatError) return false;
    throw error;
  }
}
