import type { BookRow } from '$lib/db/read-model';

/** The catalog's books, as the read model holds them (other formats of a book included). */
export interface CatalogBooks {
  books: { bulkGet(keys: string[]): Promise<(BookRow | undefined)[]> };
}

/**
 * The book each of these ids shows as: its main when an admin grouped it as
 * another format of one, else itself (undefined when not in the catalog).
 * The user's own documents (reading, shelves) keep the id they were made
 * with; lists built from them resolve it here.
 */
export async function mainOfEach(
  catalog: CatalogBooks,
  ids: readonly string[],
): Promise<(string | undefined)[]> {
  const rows = await catalog.books.bulkGet([...ids]);
  return rows.map((row) => row && (row.formatOf ?? row.id));
}

/**
 * These books' rows as lists show them: another format of a book shows as
 * its main (the main's title, cover and page), missing ones as undefined.
 */
export async function shownRows(
  catalog: CatalogBooks,
  ids: readonly string[],
): Promise<(BookRow | undefined)[]> {
  const rows = await catalog.books.bulkGet([...ids]);
  const mainIds = [...new Set(rows.flatMap((row) => (row?.formatOf ? [row.formatOf] : [])))];
  if (mainIds.length === 0) return rows;
  const mains = await catalog.books.bulkGet(mainIds);
  const byId = new Map(mains.flatMap((row) => (row ? [[row.id, row] as const] : [])));
  return rows.map((row) => (row?.formatOf ? (byId.get(row.formatOf) ?? row) : row));
}
