import type { EpubBook } from './epub-book';

/** What a MOBI reader makes of a book's content; the metadata comes from the catalog's parser. */
export type BookContent = Omit<EpubBook, 'metadata'>;
