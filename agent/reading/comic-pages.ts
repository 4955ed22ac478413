import type { ComicPages } from '#core/api/reading';
import { BookFormatError } from '#core/errors';
import { sniffImageType } from '#core/images/image-type';
import type { BookFile } from './book-file';
import type { ComicArchives, OpenComic } from './comic-archives';
import { ReadingError } from './reading-error';

/** The formats whose pages the reader shows one at a time (the scan's comic formats). */
export const COMIC_FORMATS = ['cbz', 'cbr', 'cb7', 'cbt'] as const;
export const COMIC_FORMATS_IN_WORDS = 'comic (CBZ, CBR, CB7 or CBT)';

/** No page of a real comic comes near this; an entry claiming more is refused unread. */
export const MAX_PAGE_BYTES = 64 * 1024 * 1024;

/** The types a page may be served as: raster images only (an SVG could carry script). */
const PAGE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/jxl',
  'image/bmp',
]);

/** A page's image as it is in the archive. */
export interface PageImage {
  bytes: Uint8Array;
  mediaType: string;
}

/** The comic's pages in reading order and its reading direction. */
export async function listPages(archives: ComicArchives, file: BookFile): Promise<ComicPages> {
  return readingComic(archives, file, async (comic) => ({
    pages: comic.pages.map((page) => ({ name: page.name, size: page.size })),
    rightToLeft: comic.rightToLeft,
  }));
}

/** One page's image, by its index in reading order (from 0). */
export async function readPage(
  archives: ComicArchives,
  file: BookFile,
  index: number,
): Promise<PageImage> {
  return readingComic(archives, file, async (comic) => {
    const page = comic.pages[index];
    if (!page) {
      const count = comic.pages.length;
      throw new ReadingError(
        'no-such-page',
        count === 0
          ? 'This comic has no pages (no JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP images).'
          : `This comic has ${count} page${count === 1 ? '' : 's'}; there is no page ${index + 1}.`,
      );
    }
    const bytes = await comic.archive.read(page.name, MAX_PAGE_BYTES);
    const mediaType = sniffImageType(bytes);
    if (!mediaType || !PAGE_TYPES.has(mediaType)) {
      throw new ReadingError(
        'unreadable',
        `Page ${index + 1} ("${page.name}") is not a JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP image, whatever its name says.`,
      );
    }
    return { bytes, mediaType };
  });
}

/** Runs `work` on the open comic; what the archive refuses becomes a ReadingError. */
async function readingComic<T>(
  archives: ComicArchives,
  file: BookFile,
  work: (comic: OpenComic) => Promise<T>,
): Promise<T> {
  try {
    return await archives.use(file, async (comic) => {
      if (comic.pages.some((page) => page.encrypted)) {
        throw new ReadingError(
          'unreadable',
          `${file.name} is password-protected: its pages are encrypted and cannot be shown.`,
        );
      }
      return work(comic);
    });
  } catch (error) {
    if (error instanceof BookFormatError) throw new ReadingError('unreadable', error.message);
    throw error;
  }
}
