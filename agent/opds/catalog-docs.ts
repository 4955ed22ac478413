import { EXTERNAL_SOURCE_IDS, SOURCE_IDS } from '#core/merge/sources';
import type { DataSource } from '#core/merge/trust';
import { bookDocId, readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { COVER_SOURCES, coverDocId, readCoverDoc } from '#core/schema/cover-doc';
import { editDocId, readEditDoc } from '#core/schema/edit-doc';
import { lookupDocId, readLookupDoc } from '#core/schema/lookup-doc';
import { readSourceDoc, sourceDocId } from '#core/schema/source-doc';
import type { BookDocs } from './opds-book';

/** Book documents read at once when the whole catalog is loaded. */
const PAGE = 250;

async function docsByKey(db: PouchDB.Database, keys: string[]): Promise<unknown[]> {
  if (keys.length === 0) return [];
  const result = await db.allDocs({ keys, include_docs: true });
  return result.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc] : []));
}

/** The books' documents from what was read of each kind, grouped by book. */
function grouped(
  books: readonly BookDoc[],
  edits: readonly unknown[],
  lookups: readonly unknown[],
  covers: readonly unknown[],
): BookDocs[] {
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

const shortId = (book: BookDoc) => book._id.slice(book._id.lastIndexOf(':') + 1);

/**
 * These books' documents by short id (each a valid book document, with its
 * edit, its outside sources' lookups and its covers), in a few key reads:
 * for the handful of books a change touches. Books without a valid
 * document are left out.
 */
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
  const found = books.map(shortId);
  const [edits, lookups, covers] = await Promise.all([
    docsByKey(
      db,
      found.map((id) => editDocId(library, id)),
    ),
    docsByKey(
      db,
      found.flatMap((id) => EXTERNAL_SOURCE_IDS.map((s) => lookupDocId(library, id, s))),
    ),
    docsByKey(
      db,
      found.flatMap((id) => COVER_SOURCES.map((s) => coverDocId(library, id, s))),
    ),
  ]);
  return grouped(books, edits, lookups, covers);
}

/** Every document whose id is from `first` to `last`, both included. */
async function docsBetween(db: PouchDB.Database, first: string, last: string): Promise<unknown[]> {
  const result = await db.allDocs({ startkey: first, endkey: last, include_docs: true });
  return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

const lowest = (values: readonly string[]) => values.reduce((a, b) => (b < a ? b : a));
const highest = (values: readonly string[]) => values.reduce((a, b) => (b > a ? b : a));

/**
 * Every book of the catalog with its documents, a page at a time. Edits are
 * `edit:<library>:<book>`, lookups and covers `<kind>:<library>:<book>:<source>`:
 * each page of books reads the span of each kind that holds its books' in
 * one range read (reading them by key cost PouchDB a lookup each, 4 seconds
 * per 1,000 books). The spans are bounded by the page's lowest and highest
 * ids as each kind orders them ("b1:" sorts after "b10:", though "b1"
 * sorts before "b10"); what a span holds of other pages' books is ignored.
 */
export async function* allBooks(db: PouchDB.Database, library: string): AsyncGenerator<BookDocs[]> {
  let startkey = bookDocId(library, '');
  const endkey = bookDocId(library, '\ufff0');
  let skip = 0;
  for (;;) {
    const page = await db.allDocs({ startkey, endkey, skip, limit: PAGE, include_docs: true });
    const books = page.rows.flatMap((row) => readBookDoc(row.doc) ?? []);
    const last = page.rows.at(-1)?.id;
    if (!last) return;
    if (books.length > 0) {
      const ids = books.map(shortId);
      const keyed = ids.map((id) => `${id}:`);
      const [edits, lookups, covers] = await Promise.all([
        docsBetween(db, editDocId(library, lowest(ids)), editDocId(library, highest(ids))),
        ...['lookup', 'cover'].map((kind) =>
          docsBetween(
            db,
            `${kind}:${library}:${lowest(keyed)}`,
            `${kind}:${library}:${highest(keyed)}\ufff0`,
          ),
        ),
      ]);
      yield grouped(books, edits, lookups ?? [], covers ?? []);
    }
    if (page.rows.length < PAGE) return;
    startkey = last;
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
