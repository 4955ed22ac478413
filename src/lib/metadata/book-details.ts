import { BOOK_DETAILS, type BookDetails } from '#core/api/book-details';
import { ApiError, apiRequest } from '$lib/auth/api';
import { bookDetailsCache } from '$lib/db/book-details-cache';

/** What the metadata page knows beyond the replica, and whether it is the agent's latest. */
export interface LoadedDetails {
  details: BookDetails;
  /** True when read from what this browser kept (the agent could not be reached). */
  saved: boolean;
}

/**
 * A book's every candidate and source answer, for its metadata page: asked
 * of the agent and kept, or, when the agent cannot be reached, as last kept.
 * Undefined for a book the agent does not hold (a folder picked in this
 * browser, whose replica holds everything) or never fetched while offline:
 * the page then shows the candidates the replica holds.
 */
export async function loadBookDetails(id: string): Promise<LoadedDetails | undefined> {
  if (!id.startsWith('book:') || id.startsWith('book:local:')) return undefined;
  const bookId = id.slice(id.lastIndexOf(':') + 1);
  try {
    const details = await apiRequest(BOOK_DETAILS.get, { params: { bookId } });
    await bookDetailsCache.details
      .put({ id, details, fetchedAt: new Date().toISOString() })
      .catch(() => undefined);
    return { details, saved: false };
  } catch (error) {
    // The agent answered that the book is gone, or that this browser may not ask: nothing kept stands.
    if (error instanceof ApiError && [401, 403, 404].includes(error.status)) {
      await bookDetailsCache.details.delete(id).catch(() => undefined);
      return undefined;
    }
    const kept = await bookDetailsCache.details.get(id).catch(() => undefined);
    return kept ? { details: kept.details, saved: true } : undefined;
  }
}
