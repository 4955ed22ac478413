import { EXTERNAL_SOURCE_IDS, SOURCE_IDS } from '#core/merge/sources';
import type { DataSource } from '#core/merge/trust';
import { bookDocId, readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { COVER_SOURCES, coverDocId, readCoverDoc } from '#core/schema/cover-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import { lookupDocId, readLookupDoc } from '#core/schema/lookup-doc';
import { readSourceDoc, sourceDocId } from '#core/schema/source-doc';
import type { BookDocs } from './opds-book';

/** Book documents read at once when the whole catalog is loaded. */
const PAGE = 500;

async function docsByKey(db: PouchDB.Database, keys: string[]): Promise<unknown[]> {
  if (keys.length === 0) return [];
  const result = await db.allDocs({ keys, include_docs: true });
  return result.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc] : []));
}

/**
 * The catalog documents of these books (each a valid book document, with its
 * edit, its outside sources' lookups and its covers), in a few key reads.
 * Books without a valid document are left out.
 */
export async function readBookDocs(
  db: PouchDB.Database,
  library: string,
  books: readonly BookDoc[],
): Promise<BookDocs[]> {
  const ids = books.map((b) => b._id.slice(b._id.lastIndexOf(':') + 1));
  const [edits, lookups, covers] = await Promise.all([
    docsByKey(
      db,
      ids.map((id) => editDocId(library, id)),
    ),
    docsByKey(
      db,
      ids.flatMap((id) => EXTERNAL_SOURCE_IDS.map((s) => lookupDocId(library, id, s))),
    ),
    docsByKey(
      db,
      ids.flatMap((id) => COVER_SOURCES.map((s) => coverDocId(library, id, s))),
    ),
  ]);
  const of = new Map<string, BookDocs>(
    books.map((book) => [book._id, { book, lookups: [], covers: [] }]),
  );
  for (const raw of edits) {
    const edit = readEditDoc(raw);
    const docs = edit && of.get(edit.book);
    if (docs) docs.edit = edit;
  }
  for (const raw of lookups) {
    const lookup = readLookupDoc(raw);
    if (lookup) of.get(lookup.book)?.lookups.push(lookup);
  }
  for (const raw of covers) {
    const cover = readCoverDoc(raw);
    if (cover) of.get(cover.book)?.covers.push(cover);
  }
  return [...of.values()];
}

/** These books' documents by short id; those without a valid book document are absent. */
export async function readBooks(
  db: PouchDB.Database,
  library: string,
  ids: readonly string[],
): Promise<BookDocs[]> {
  const books = (
    await docsByKey(
      db,
      ids.map((id) => bookDocId(library, id)),
    )
  ).flatMap((raw) => readBookDoc(raw) ?? []);
  return readBookDocs(db, library, books);
}

/** Every book of the catalog with its documents, a page at a time (by key, cheap at any depth). */
export async function* allBooks(db: PouchDB.Database, library: string): AsyncGenerator<BookDocs[]> {
  let startkey = bookDocId(library, '');
  const endkey = bookDocId(library, '\ufff0');
  let skip = 0;
  for (;;) {
    const page = await db.allDocs({ startkey, endkey, skip, limit: PAGE, include_docs: true });
    const books = page.rows.flatMap((row) => readBookDoc(row.doc) ?? []);
    yield await readBookDocs(db, library, books);
    const last = page.rows.at(-1);
    if (!last || page.rows.length < PAGE) return;
    startkey = last.id;
    skip = 1;
  }
}

/** The data sources' documents: their trust decides every merge. */
export async function readSources(db: PouchDB.Database, library: string): Promise<DataSource[]> {
  return (
    await docsByKey(
      db,
      SOURCE_IDS.map((id) => sourceDocId(library, id)),
    )
  ).flatMap((raw) => readSourceDoc(raw) ?? []);
}

/** What a change to a catalog document touches: one book (by short id), the sources, or nothing. */
export function changedBook(
  id: string,
  library: string,
): { book: string } | { sources: true } | undefined {
  const [type, lib, bookId] = id.split(':');
  if (lib !== library || !bookId) return undefined;
  if (type === 'source') return { sources: true };
  if (type === 'book' || type === 'edit' || type === 'lookup' || type === 'cover')
    return { book: bookId };
  return undefined;
}
