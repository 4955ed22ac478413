import { readFile } from 'node:fs/promises';
import type { CalibreProblem } from '#core/api/calibre';
import { CoverImageError } from '#core/images/cover-image-error';
import { coverDocId, readCoverDoc } from '#core/schema/cover-doc';
import type { CatalogStore } from '../catalog/catalog-store';
import { coverDocFor } from '../covers/cover-docs';
import { coverHash } from '../covers/cover-store';
import { resolveInsideRoot, UnsafePathError } from '../files/safe-path';
import type { ReaderPool } from '../readers/reader-pool';
import { placed, type CalibrePlace } from './library-folder';
import type { CalibreLink } from './link-files';

/** Far beyond any cover Calibre keeps; small enough to hold in memory. */
const MAX_COVER_BYTES = 20 * 1024 * 1024;

export interface CalibreCoverDeps {
  catalog: CatalogStore;
  readers: ReaderPool;
  coversDir: string;
}

async function coverBytes(root: string, bookPath: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(await resolveInsideRoot(root, `${bookPath}/cover.jpg`)));
  } catch (error) {
    if (error instanceof UnsafePathError) return undefined;
    throw error;
  }
}

/**
 * Gives a Calibre book's files the cover.jpg beside them, as their `calibre`
 * cover (shown unless the user chose another). Read, never written; decoded
 * in a reader process; not made again while the image is the same. A book
 * that lost its cover in Calibre loses its Calibre cover here. Returns how
 * many files have a Calibre cover, and what could not be read.
 */
export async function giveCalibreCover(
  deps: CalibreCoverDeps,
  place: CalibrePlace,
  { book, files }: CalibreLink,
): Promise<{ given: number; problem?: CalibreProblem }> {
  const { catalog } = deps;
  const ids = files.map((f) => coverDocId(catalog.library, f.bookId, 'calibre'));
  const problem = (reason: string) => ({ calibreId: book.id, title: book.title, reason });
  const bytes = await coverBytes(place.folder.root, placed(place, book.path));
  if (!bytes || bytes.byteLength > MAX_COVER_BYTES) {
    await catalog.remove(ids);
    if (bytes) return { given: 0, problem: problem('Its cover.jpg is too large to be a cover.') };
    return book.hasCover
      ? { given: 0, problem: problem('Calibre has a cover for it, but its cover.jpg is missing.') }
      : { given: 0 };
  }
  const hash = coverHash(bytes);
  const existing = await catalog.db.allDocs({ keys: ids, include_docs: true });
  const todo = files.filter((_, i) => {
    const row = existing.rows[i];
    return readCoverDoc(row && 'doc' in row ? row.doc : undefined)?.hash !== hash;
  });
  if (todo.length === 0) return { given: files.length };
  try {
    const made = await deps.readers.coverFromBytes(bytes, deps.coversDir);
    await catalog.upsert(todo.map((f) => coverDocFor(catalog.library, f.bookId, 'calibre', made)));
    return { given: files.length };
  } catch (error) {
    if (!(error instanceof CoverImageError)) throw error;
    return {
      given: files.length - todo.length,
      problem: problem(`Its cover.jpg cannot be read (${error.message}).`),
    };
  }
}
