import { bookView } from '#core/books/book-view';
import type { BookFormat } from '#core/formats/types';
import { bestCover } from '#core/images/cover-rank';
import type { DataSource } from '#core/merge/trust';
import type { Identifier } from '#core/metadata/types';
import type { BookDoc } from '#core/schema/book-doc';
import type { CoverDoc } from '#core/schema/cover-doc';
import type { EditDoc } from '#core/schema/edit-doc';
import type { LookupDoc } from '#core/schema/lookup-doc';
import { searchDoc, type SearchDoc } from '#core/search/search-doc';
import { COMIC_FORMATS } from '../reading/comic-pages';

/** A book's documents in the catalog: everything that decides what a feed says of it. */
export interface BookDocs {
  book: BookDoc;
  edit?: EditDoc;
  lookups: LookupDoc[];
  covers: CoverDoc[];
}

/**
 * What a feed needs of a book beyond its search document (which holds the
 * title, authors, series, subjects, languages, description as text,
 * publisher, format, size and date added): kept apart so that nothing is
 * held twice for 100,000 books.
 */
export interface BookExtras {
  /** Each author's sort form, where a source gave one (by credit order). */
  sortNames?: (string | undefined)[];
  published?: string;
  identifiers?: Identifier[];
  /** The hash of the cover shown, for the agent's cover thumbnails. */
  cover?: string;
  /** A comic's pages, as the scan counted them (for Page Streaming). */
  pageCount?: number;
  /** Epoch milliseconds: the later of the file's scan and the user's last edit. */
  updatedAt: number;
  /** The book's other formats (document ids), grouped by an admin: each is offered too. */
  formats?: { id: string; format: BookFormat }[];
}

/** A book as feeds list it. */
export type OpdsBook = SearchDoc & BookExtras;

/** The cover a book shows: the one the user chose, else the best one (as the app). */
function shownCover(covers: readonly CoverDoc[], chosen: string | undefined): CoverDoc | undefined {
  return (
    covers.find((c) => c._id === chosen) ?? bestCover(covers.map((c) => ({ ...c, id: c._id })))
  );
}

/** The pages the scan counted in a comic (the file's own candidate, not a source's claim). */
function pageCountOf(book: BookDoc): number | undefined {
  if (!(COMIC_FORMATS as readonly string[]).includes(book.format)) return undefined;
  for (const c of book.extraction?.candidates ?? [])
    if (c.field === 'pageCount' && c.value > 0) return c.value;
  return undefined;
}

/** A book's search document and extras, merged exactly as the app merges it (bookView). */
export function opdsBook(
  docs: BookDocs,
  sources: readonly DataSource[],
): { search: SearchDoc; extras: BookExtras } {
  const { book, edit, lookups } = docs;
  const view = bookView(book, { lookups, sources, ...(edit && { edit }) });
  const cover = shownCover(docs.covers, edit?.cover);
  const m = view.resolved.metadata;
  const extras: BookExtras = {
    updatedAt: Math.max(Date.parse(book.scannedAt) || 0, Date.parse(edit?.updatedAt ?? '') || 0),
  };
  if (m.authors?.some((a) => a.sortName)) extras.sortNames = m.authors.map((a) => a.sortName);
  if (m.published) extras.published = m.published;
  if (m.identifiers?.length) extras.identifiers = m.identifiers;
  if (cover) extras.cover = cover.hash;
  const pages = pageCountOf(book);
  if (pages) extras.pageCount = pages;
  if (book.formats?.length) extras.formats = book.formats;
  return { search: searchDoc(view, cover !== undefined), extras };
}

/** A stored book taken apart again: what the search index holds, and the rest. */
export function splitBook(book: OpdsBook): { search: SearchDoc; extras: BookExtras } {
  const { sortNames, published, identifiers, cover, pageCount, updatedAt, formats, ...search } =
    book;
  const extras: BookExtras = { updatedAt };
  if (sortNames) extras.sortNames = sortNames;
  if (published) extras.published = published;
  if (identifiers) extras.identifiers = identifiers;
  if (cover) extras.cover = cover;
  if (pageCount) extras.pageCount = pageCount;
  if (formats) extras.formats = formats;
  return { search, extras };
}
