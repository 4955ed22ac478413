import {
  MAX_SHELF_BOOKS,
  normaliseShelfName,
  type ManualShelfDoc,
  type ShelfDoc,
} from '../schema/shelf-doc';

/**
 * The changes a reader makes to a shelf, each a new document (the old one
 * untouched), stamped with when and on which device.
 */
interface Stamp {
  device: string;
  at: Date;
}

function stamped<T extends ShelfDoc>(doc: T, stamp: Stamp): T {
  return { ...doc, updatedAt: stamp.at.toISOString(), device: stamp.device };
}

/** A book added at the end; a book already there stays where it is. Throws when the shelf is full. */
export function withBook(doc: ManualShelfDoc, book: string, stamp: Stamp): ManualShelfDoc {
  if (doc.books.includes(book)) return doc;
  if (doc.books.length >= MAX_SHELF_BOOKS)
    throw new Error(
      `"${doc.name}" holds ${MAX_SHELF_BOOKS} books, the most a shelf holds: make another shelf.`,
    );
  return stamped({ ...doc, books: [...doc.books, book] }, stamp);
}

export function withoutBook(doc: ManualShelfDoc, book: string, stamp: Stamp): ManualShelfDoc {
  if (!doc.books.includes(book)) return doc;
  return stamped({ ...doc, books: doc.books.filter((b) => b !== book) }, stamp);
}

/** The book moved `by` places (−1 up, +1 down), held at the ends. */
export function withBookMoved(
  doc: ManualShelfDoc,
  book: string,
  by: number,
  stamp: Stamp,
): ManualShelfDoc {
  const from = doc.books.indexOf(book);
  if (from < 0) return doc;
  const to = Math.max(0, Math.min(doc.books.length - 1, from + by));
  if (to === from) return doc;
  const books = [...doc.books];
  books.splice(from, 1);
  books.splice(to, 0, book);
  return stamped({ ...doc, books }, stamp);
}

/** The shelf renamed, its description set (an empty one removed), a smart shelf's search changed. */
export function withDetails(
  doc: ShelfDoc,
  details: { name: string; description?: string; query?: string },
  stamp: Stamp,
): ShelfDoc {
  const { description: _old, ...rest } = doc;
  const description = details.description?.trim();
  const query = details.query?.trim();
  return stamped(
    {
      ...rest,
      name: normaliseShelfName(details.name),
      ...(description ? { description } : {}),
      ...(doc.kind === 'smart' && query ? { query } : {}),
    } as ShelfDoc,
    stamp,
  );
}

/** Shelves as lists show them: by name, as a reader reads it (case and accents aside). */
export function shelfOrder(a: ShelfDoc, b: ShelfDoc): number {
  return (
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) ||
    (a._id < b._id ? -1 : 1)
  );
}
