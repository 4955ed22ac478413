import { isDeepStrictEqual } from 'node:util';
import { calibreCandidates } from '#core/calibre/calibre-values';
import { calibreDoc, readCalibreDoc, type CalibreDoc } from '#core/schema/calibre-doc';
import { coverDocId } from '#core/schema/cover-doc';
import type { CatalogStore } from '../catalog/catalog-store';
import type { CalibreLink } from './link-files';

const PAGE = 500;
const WRITE_BATCH = 200;

/** The Calibre documents an earlier import of this Calibre library wrote, by short book id. */
async function importedBefore(
  catalog: CatalogStore,
  calibreLibrary: string,
): Promise<Map<string, CalibreDoc>> {
  const found = new Map<string, CalibreDoc>();
  const prefix = `calibre:${catalog.library}:`;
  let startkey = prefix;
  let skip = 0;
  for (;;) {
    const page = await catalog.db.allDocs({
      startkey,
      endkey: `${prefix}\ufff0`,
      skip,
      limit: PAGE,
      include_docs: true,
    });
    for (const row of page.rows) {
      const doc = readCalibreDoc(row.doc);
      if (doc?.calibreLibrary === calibreLibrary) found.set(row.id.slice(prefix.length), doc);
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < PAGE) return found;
    startkey = last.id;
    skip = 1;
  }
}

/** The same values from the same Calibre book: an import that changes nothing writes nothing. */
function sameValues(a: CalibreDoc, b: CalibreDoc): boolean {
  const values = ({ _rev: _r, importedAt: _at, ...rest }: CalibreDoc) => rest;
  return isDeepStrictEqual(
    JSON.parse(JSON.stringify(values(a))),
    JSON.parse(JSON.stringify(values(b))),
  );
}

/**
 * Gives each linked file its Calibre book's values, as its Calibre document,
 * and takes them back from files an earlier import of this library gave
 * them to that no longer have a Calibre book (removed in Calibre, a format
 * deleted): their Calibre cover goes with them. Edit documents are never
 * touched, so the user's own values stay. Returns the short ids removed.
 */
export async function writeCalibreDocs(
  catalog: CatalogStore,
  imported: { folderId: string; calibreLibrary: string; links: readonly CalibreLink[] },
  now: string,
): Promise<string[]> {
  const { folderId, calibreLibrary, links } = imported;
  const before = await importedBefore(catalog, calibreLibrary);
  const docs: CalibreDoc[] = [];
  for (const { book, files } of links) {
    const candidates = calibreCandidates(book);
    for (const file of files) {
      const doc = calibreDoc({
        library: catalog.library,
        bookId: file.bookId,
        folder: folderId,
        calibreLibrary,
        calibreId: book.id,
        uuid: book.uuid,
        formats: book.formats.map((f) => f.format),
        importedAt: now,
        candidates,
      });
      const old = before.get(file.bookId);
      docs.push(old && sameValues(old, doc) ? { ...doc, importedAt: old.importedAt } : doc);
    }
  }
  for (let i = 0; i < docs.length; i += WRITE_BATCH)
    await catalog.upsert(docs.slice(i, i + WRITE_BATCH));
  const linked = new Set(links.flatMap((l) => l.files.map((f) => f.bookId)));
  const stale = [...before.keys()].filter((id) => !linked.has(id));
  await catalog.remove(
    stale.flatMap((id) => [
      `calibre:${catalog.library}:${id}`,
      coverDocId(catalog.library, id, 'calibre'),
    ]),
  );
  return stale;
}
