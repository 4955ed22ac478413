import type { ComicPages } from '#core/api/reading';
import { BookFormatError } from '#core/errors';
import { ComicPageError, readPageImage } from '#core/formats/comic/comic-pages';
import type { BookFile } from './book-file';
import type { ComicArchives, OpenComic } from './comic-archives';
import { ReadingError } from './reading-error';

/** The formats whose pages the reader shows one at a time (the scan's comic formats). */
export const COMIC_FORMATS = ['cbz', 'cbr', 'cb7', 'cbt'] as const;
export const COMIC_FORMATS_IN_WORDS = 'comic (CBZ, CBR, CB7 or CBT)';

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
  return readingComic(archives, file, (comic) => readPageImage(comic.archive, comic.pages, index));
}

/** Runs `work` on the open comic; what the archive or the page refuses becomes a ReadingError. */
async function readingComic<T>(
  archives: ComicArchives,
  file: BookFile,
  work: (comic: OpenComic) => Promise<T>,
): Promise<T> {
  try {
    return await archives.use(file, work);
  } catch (error) {
    if (error instanceof ComicPageError) {
      throw new ReadingError(
        error.problem === 'no-such-page' ? 'no-such-page' : 'unreadable',
        error.message,
      );
    }
    if (error instanceof BookFormatError) throw new ReadingError('unreadable', error.message);
    throw error;
  }
}
