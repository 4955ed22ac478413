import { bookView } from '#core/books/book-view';
import type { Merged } from '#core/merge/merge';
import { EXTERNAL_SOURCE_IDS, type MergeCandidate } from '#core/merge/sources';
import type { DataSource } from '#core/merge/trust';
import { bookDocId, readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { calibreDocId, readCalibreDoc, type CalibreDoc } from '#core/schema/calibre-doc';
import { editDocId, readEditDoc, type EditDoc } from '#core/schema/edit-doc';
import {
  appliedLookupCandidates,
  lookupDocId,
  readLookupDoc,
  type LookupDoc,
} from '#core/schema/lookup-doc';
import type { CatalogStore } from '../catalog/catalog-store';

/** A book with everything that decides its metadata, and the decision. */
export interface BookState {
  /** The short id: the last segment of `book:<lib>:<id>`. */
  bookId: string;
  book: BookDoc;
  lookups: LookupDoc[];
  /** What the Calibre library the file is in says of it, when one was imported. */
  calibre: CalibreDoc | undefined;
  edit: EditDoc | undefined;
  sources: readonly DataSource[];
  /**
   * What the merge counted: the file's candidates, the sure lookups' (suggestions
   * are not) and the Calibre values.
   */
  candidates: MergeCandidate[];
  merged: Merged;
}

const PAGE = 500;

/** The short id of a book, from either form (`book:<lib>:<id>` or `<id>`). */
export function shortBookId(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

/**
 * Loads books with their lookups, Calibre values, edit and the sources, and
 * merges them exactly as the browser's read model does (bookView: the file's
 * candidates plus each lookup's applied candidates and the Calibre ones, the
 * user's fields as manual values, no clock), so what the agent decides from — a trust change, a series
 * merge, a lookup query — is what the user sees.
 */
export class BookStates {
  constructor(private readonly catalog: CatalogStore) {}

  private get library(): string {
    return this.catalog.library;
  }

  async one(bookId: string, sources: readonly DataSource[]): Promise<BookState | undefined> {
    const book = readBookDoc(await this.catalog.get(bookDocId(this.library, shortBookId(bookId))));
    if (!book) return undefined;
    const [state] = await this.withContext([book], sources);
    return state;
  }

  /** Every book (that `keep` accepts), a page of documents at a time. */
  async *all(
    sources: readonly DataSource[],
    keep: (book: BookDoc) => boolean = () => true,
  ): AsyncGenerator<BookState> {
    let startkey = `book:${this.library}:`;
    const endkey = `book:${this.library}:\ufff0`;
    let skip = 0;
    for (;;) {
      const page = await this.catalog.db.allDocs({
        startkey,
        endkey,
        skip,
        limit: PAGE,
        include_docs: true,
      });
      const books = page.rows.flatMap((row) => readBookDoc(row.doc) ?? []).filter(keep);
      yield* await this.withContext(books, sources);
      const last = page.rows.at(-1);
      if (!last || page.rows.length < PAGE) return;
      // Page on from the last key (skipping it) rather than by offset: cheap at any depth.
      startkey = last.id;
      skip = 1;
    }
  }

  private async withContext(
    books: readonly BookDoc[],
    sources: readonly DataSource[],
  ): Promise<BookState[]> {
    if (books.length === 0) return [];
    const ids = books.map((b) => shortBookId(b._id));
    const [edits, lookups, calibreDocs] = await Promise.all([
      this.docs(ids.map((id) => editDocId(this.library, id))),
      this.docs(
        ids.flatMap((id) => EXTERNAL_SOURCE_IDS.map((s) => lookupDocId(this.library, id, s))),
      ),
      this.docs(ids.map((id) => calibreDocId(this.library, id))),
    ]);
    const editOf = new Map<string, EditDoc>();
    for (const doc of edits) {
      const edit = readEditDoc(doc);
      if (edit) editOf.set(edit.book, edit);
    }
    const lookupsOf = new Map<string, LookupDoc[]>();
    for (const doc of lookups) {
      const lookup = readLookupDoc(doc);
      if (lookup) lookupsOf.set(lookup.book, [...(lookupsOf.get(lookup.book) ?? []), lookup]);
    }
    const calibreOf = new Map<string, CalibreDoc>();
    for (const doc of calibreDocs) {
      const calibre = readCalibreDoc(doc);
      if (calibre) calibreOf.set(calibre.book, calibre);
    }
    return books.map((book, i) => {
      const edit = editOf.get(book._id);
      const found = lookupsOf.get(book._id) ?? [];
      const calibre = calibreOf.get(book._id);
      const view = bookView(book, {
        lookups: found,
        sources,
        ...(edit && { edit }),
        ...(calibre && { calibre }),
      });
      return {
        bookId: ids[i] as string,
        book,
        lookups: found,
        calibre,
        edit,
        sources,
        candidates: [
          ...(book.extraction?.candidates ?? []),
          ...found.flatMap(appliedLookupCandidates),
          ...(calibre?.candidates ?? []),
        ],
        merged: view.resolved,
      };
    });
  }

  private async docs(keys: string[]): Promise<unknown[]> {
    const result = await this.catalog.db.allDocs({ keys, include_docs: true });
    return result.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc] : []));
  }
}
