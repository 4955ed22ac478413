import type { ExternalSourceId } from '#core/merge/sources';
import type { LookupDoc } from '#core/schema/lookup-doc';
import type { BookState } from '../book-state';
import { storedErrorIsRetryable } from './lookup-docs';
import { lookupQuery, sourcesFor } from './lookup-query';

/** A source's answer is asked for again after this long: records are corrected, covers added. */
export const LOOKUP_STALE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

function isStale(doc: LookupDoc, now: number): boolean {
  const fetched = Date.parse(doc.fetchedAt);
  return !Number.isFinite(fetched) || now - fetched > LOOKUP_STALE_DAYS * DAY_MS;
}

/**
 * Whether a lookup run without a list of books should ask about this book:
 * a readable book that one of the enabled sources that fit it (see
 * sourcesFor) has never answered about, answered more than
 * LOOKUP_STALE_DAYS ago, or last failed on. A source enabled later makes
 * every book it fits due.
 */
export function isLookupDue(
  state: BookState,
  enabled: readonly ExternalSourceId[],
  now: number,
): boolean {
  if (state.book.status !== 'ok') return false;
  const query = lookupQuery(state.book.format, state.merged.metadata);
  if (!query) return false;
  return sourcesFor(query, enabled).some((source) => {
    const doc = state.lookups.find((l) => l.source === source);
    return !doc || isStale(doc, now) || storedErrorIsRetryable(doc.error);
  });
}
