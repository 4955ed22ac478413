import { CoverImageError } from '#core/images/cover-image-error';
import type { ExternalSourceId } from '#core/merge/sources';
import { lookup, type SourceClients } from '#core/sources/lookup';
import type { SourceLookup } from '#core/sources/result';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { BookState } from '../book-state';
import { CoverDownloadError } from '../covers/cover-download';
import { isTransient, nextLookupDoc } from './lookup-docs';
import { lookupQuery, sourcesFor } from './lookup-query';
import { coverFromSource, type SourceCoverDeps } from '../covers/source-covers';

export interface BookLookupDeps {
  catalog: CatalogStore;
  covers: SourceCoverDeps;
}

/** What asking about one book came to. */
export interface BookLookup {
  results: SourceLookup[];
  /**
   * True when a source failed in a way worth asking again. A cover download
   * that failed is not: the suggestion's values are saved, and a cover the
   * user has not chosen is not worth a failed job (its problem is logged, and
   * the book's next lookup fetches it again).
   */
  retry: boolean;
  coversMade: number;
  /** Covers that could not be made, one sentence each. */
  coverProblems: string[];
}

function only(clients: Required<SourceClients>, asked: readonly ExternalSourceId[]): SourceClients {
  return Object.fromEntries(asked.map((id) => [id, clients[id]])) as SourceClients;
}

/**
 * Asks the enabled sources that fit a book, writes one lookup document per
 * source asked (a failed source keeps its previous answer, see
 * nextLookupDoc), and makes each answering source's first cover into a
 * cover document. Undefined when there is nothing to ask by or no source
 * fits.
 */
export async function lookupBook(
  deps: BookLookupDeps,
  state: BookState,
  clients: Required<SourceClients>,
  enabled: readonly ExternalSourceId[],
  now: string,
): Promise<BookLookup | undefined> {
  const query = lookupQuery(state.book.format, state.merged.metadata);
  const asked = query ? sourcesFor(query, enabled) : [];
  if (!query || asked.length === 0) return undefined;
  const { sources: results } = await lookup(query, only(clients, asked));
  const previous = (source: ExternalSourceId) => state.lookups.find((l) => l.source === source);
  const library = deps.catalog.library;
  await deps.catalog.upsert(
    results.map((r) => nextLookupDoc(library, state.bookId, r, previous(r.source), now)),
  );
  const retry = results.some((r) => r.error !== undefined && isTransient(r.error));
  let coversMade = 0;
  const coverProblems: string[] = [];
  for (const result of results) {
    try {
      const outcome = await coverFromSource(
        deps.covers,
        state.bookId,
        result,
        previous(result.source),
      );
      if (outcome === 'made') coversMade++;
    } catch (error) {
      if (!(error instanceof CoverDownloadError || error instanceof CoverImageError)) throw error;
      coverProblems.push(error.message);
    }
  }
  return { results, retry, coversMade, coverProblems };
}
