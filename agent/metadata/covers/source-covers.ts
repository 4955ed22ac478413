import { coverDocId } from '#core/schema/cover-doc';
import type { LookupDoc } from '#core/schema/lookup-doc';
import type { SourceLookup } from '#core/sources/result';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { ReaderPool } from '../../readers/reader-pool';
import { coverDocFor } from '../../covers/cover-docs';
import { downloadCover, type FetchImpl } from './cover-download';

export interface SourceCoverDeps {
  catalog: CatalogStore;
  readers: ReaderPool;
  coversDir: string;
  fetch?: FetchImpl;
}

export type SourceCoverOutcome = 'made' | 'unchanged' | 'none';

/**
 * The first cover a source offers for a book, as that source's cover
 * document (`cover:<lib>:<book>:<source>`). Not fetched again while the
 * source still offers the same address and its document exists. The image
 * is decoded in a reader process. Throws CoverDownloadError or
 * CoverImageError; the book's existing covers stay as they are either way.
 */
export async function coverFromSource(
  deps: SourceCoverDeps,
  bookId: string,
  result: SourceLookup,
  previous: LookupDoc | undefined,
): Promise<SourceCoverOutcome> {
  const url = result.covers[0]?.url;
  if (result.error || !url) return 'none';
  const id = coverDocId(deps.catalog.library, bookId, result.source);
  if (previous?.covers[0]?.url === url && (await deps.catalog.get(id))) return 'unchanged';
  const bytes = await downloadCover(url, deps.fetch);
  const made = await deps.readers.coverFromBytes(bytes, deps.coversDir);
  await deps.catalog.upsert([coverDocFor(deps.catalog.library, bookId, result.source, made)]);
  return 'made';
}
