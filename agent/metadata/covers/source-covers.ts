import { coverDocId } from '#core/schema/cover-doc';
import type { LookupDoc } from '#core/schema/lookup-doc';
import type { SourceLookup } from '#core/sources/result';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { ReaderPool } from '../../readers/reader-pool';
import { coverDocFor } from '../../covers/cover-docs';
import type { MadeCover } from '../../covers/make-cover';
import { downloadCover, type FetchImpl } from './cover-download';

export interface SourceCoverDeps {
  catalog: CatalogStore;
  readers: ReaderPool;
  coversDir: string;
  fetch?: FetchImpl;
}

export type SourceCoverOutcome = 'made' | 'unchanged' | 'none';

/** A source's first few covers are tried when the first is a blank "no cover" image. */
const TRIED_COVERS = 3;

/**
 * A source's cover for a book, as that source's cover document
 * (`cover:<lib>:<book>:<source>`): its first cover, or the next one it offers
 * when that is a placeholder (a blank or tiny "no cover" answer); a
 * placeholder is kept only when the source offers nothing else, and is never
 * chosen automatically. Every original downloaded stays in the store. Not
 * fetched again while the source still offers the same first address and its
 * document exists. The image is decoded in a reader process. Throws
 * CoverDownloadError or CoverImageError from the first cover; the book's
 * existing covers stay as they are either way.
 */
export async function coverFromSource(
  deps: SourceCoverDeps,
  bookId: string,
  result: SourceLookup,
  previous: LookupDoc | undefined,
): Promise<SourceCoverOutcome> {
  const urls = result.covers.slice(0, TRIED_COVERS).map((c) => c.url);
  const first = urls[0];
  if (result.error || !first) return 'none';
  const id = coverDocId(deps.catalog.library, bookId, result.source);
  if (previous?.covers[0]?.url === first && (await deps.catalog.get(id))) return 'unchanged';
  const make = async (url: string) =>
    deps.readers.coverFromBytes(await downloadCover(url, deps.fetch), deps.coversDir);
  let made: MadeCover = await make(first);
  for (const url of urls.slice(1)) {
    if (!made.quality.placeholder) break;
    // A later cover that cannot be had leaves the placeholder in place.
    const next = await make(url).catch(() => undefined);
    if (next && !next.quality.placeholder) made = next;
  }
  await deps.catalog.upsert([coverDocFor(deps.catalog.library, bookId, result.source, made)]);
  return 'made';
}
