import { isDeepStrictEqual } from 'node:util';
import type { BookDetails } from '#core/api/book-details';
import { bookView } from '#core/books/book-view';
import type { DataSource } from '#core/merge/trust';
import type { BookState } from '../metadata/book-state';
import type { BookDetailsStore } from './book-details-store';
import { fileAnswers } from './slim-extraction';

/**
 * A book's metadata as its page shows it: the merge the app makes, over
 * every candidate the file gave (kept on the agent) instead of the file's
 * answers the replicated document carries. Candidates kept for an earlier
 * reading of the file (whose answers are not the document's) are passed
 * over: the document's own then stand.
 */
export function bookDetails(
  state: BookState,
  store: BookDetailsStore | undefined,
  sources: readonly DataSource[],
): BookDetails {
  const { book, lookups, calibre, edit } = state;
  const kept = store?.get(book._id);
  const current =
    kept && book.extraction && isDeepStrictEqual(fileAnswers(kept), book.extraction.candidates)
      ? { ...book, extraction: { ...book.extraction, candidates: kept } }
      : book;
  const view = bookView(current, {
    lookups,
    sources,
    ...(calibre && { calibre }),
    ...(edit && { edit }),
  });
  return { book: book._id, fields: view.resolved.fields, lookups };
}
