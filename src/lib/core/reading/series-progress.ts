import type { ReadingStatus } from '../schema/reading-status-doc';

export interface SeriesProgress {
  /** Books of the series finished. */
  read: number;
  total: number;
  /** The first book, in reading order, not finished yet: the one to go on with. */
  next?: string;
}

/** How far the user is through a series, its books in reading order. */
export function seriesProgress(
  books: readonly string[],
  statusOf: (book: string) => ReadingStatus,
): SeriesProgress {
  let read = 0;
  let next: string | undefined;
  for (const book of books) {
    if (statusOf(book) === 'finished') read++;
    else next ??= book;
  }
  return { read, total: books.length, ...(next === undefined ? {} : { next }) };
}
