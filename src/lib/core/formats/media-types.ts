import type { BookFormat } from './types';

/**
 * The media type each book format is served as, the one OPDS clients (and
 * the IANA registry where one exists) know it by, so a reader app can tell
 * which acquisition link it can open.
 */
export const BOOK_MEDIA_TYPES: Readonly<Record<BookFormat, string>> = {
  epub: 'application/epub+zip',
  mobi: 'application/x-mobipocket-ebook',
  azw3: 'application/vnd.amazon.ebook',
  pdf: 'application/pdf',
  cbz: 'application/vnd.comicbook+zip',
  cbr: 'application/vnd.comicbook-rar',
  cb7: 'application/x-cb7',
  cbt: 'application/x-cbt',
};
