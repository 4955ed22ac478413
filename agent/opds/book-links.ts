import type { CoverSize } from '#core/images/cover-sizes';
import { OPDS_V1_PATH } from '#core/opds/device-urls';
import { shortBookId } from '../metadata/book-state';
import type { OpdsBook } from './opds-book';

/** Formats the agent also offers as EPUB, converted once (as the in-app reader reads them). */
export const CONVERTIBLE = new Set(['mobi', 'azw3']);

/** Characters no file system takes in a name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;

/**
 * The name a download is saved under: the title, not the file's name in the
 * library (which says where it is kept; a reader-role user is not shown that).
 */
export function downloadName(book: Pick<OpdsBook, 'title'>, extension: string): string {
  const stem = book.title.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${stem.replace(/^\.+/, '') || 'book'}.${extension}`;
}

const bookPath = (book: Pick<OpdsBook, 'id'>) =>
  `${OPDS_V1_PATH}/books/${encodeURIComponent(shortBookId(book.id))}`;

/**
 * Where a device downloads a book, pages a comic and fetches covers: under
 * /opds, the only place an app password reaches (never /api). The same for
 * both versions of the catalog.
 */
export const BOOK_LINKS = {
  file: (book: Pick<OpdsBook, 'id' | 'title' | 'format'>) =>
    `${bookPath(book)}/file/${encodeURIComponent(downloadName(book, book.format))}`,
  epub: (book: Pick<OpdsBook, 'id' | 'title'>) =>
    `${bookPath(book)}/epub/${encodeURIComponent(downloadName(book, 'epub'))}`,
  /** Page Streaming: `{pageNumber}` from 0, `{maxWidth}` is accepted and ignored. */
  pages: (book: Pick<OpdsBook, 'id'>) => `${bookPath(book)}/pages/{pageNumber}?maxWidth={maxWidth}`,
  cover: (hash: string, size: CoverSize) =>
    `${OPDS_V1_PATH}/covers/${encodeURIComponent(hash)}/${size}`,
};

/**
 * Each file a book offers, one acquisition link per format: its own, then
 * its other formats' (an EPUB, MOBI and PDF grouped as one book), each
 * saved under the book's title.
 */
export function formatFiles(
  book: Pick<OpdsBook, 'id' | 'title' | 'format' | 'formats'>,
): { id: string; format: OpdsBook['format']; href: string }[] {
  return [{ id: book.id, format: book.format }, ...(book.formats ?? [])].map((f) => ({
    ...f,
    href: BOOK_LINKS.file({ id: f.id, title: book.title, format: f.format }),
  }));
}
