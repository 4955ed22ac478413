import { readShelfDoc, shelfKey, SHELF_PREFIX, type ShelfDoc } from '#core/schema/shelf-doc';
import { shelfOrder } from '#core/shelves/shelf-edits';
import { PER_PAGE, type Feed } from './feeds';
import type { OpdsCatalog } from './opds-catalog';

/** A user's shelves, by name, from their own database. */
export async function readShelves(db: PouchDB.Database): Promise<ShelfDoc[]> {
  const result = await db.allDocs({
    startkey: SHELF_PREFIX,
    endkey: `${SHELF_PREFIX}\ufff0`,
    include_docs: true,
  });
  return result.rows.flatMap((row) => readShelfDoc(row.doc) ?? []).sort(shelfOrder);
}

/**
 * Each user's shelves, read again only when their database has changed since
 * (an e-reader paging through a shelf asks for it on every page).
 */
export class UserShelves {
  private readonly known = new Map<string, { seq: string | number; shelves: ShelfDoc[] }>();

  async of(userId: string, db: PouchDB.Database): Promise<ShelfDoc[]> {
    const { update_seq: seq } = await db.info();
    const known = this.known.get(userId);
    if (known?.seq === seq) return known.shelves;
    const shelves = await readShelves(db);
    this.known.set(userId, { seq, shelves });
    return shelves;
  }
}

const books = (n: number) => `${n} book${n === 1 ? '' : 's'}`;
const offsetOf = (page: number) => (page - 1) * PER_PAGE;

/**
 * The books a shelf holds now, a page of them: a manual shelf's in the
 * reader's order (books gone from the catalog left out), a smart shelf's by
 * running its search on the catalog, by title, as the app lists it.
 */
export function shelfBooks(catalog: OpdsCatalog, shelf: ShelfDoc, offset: number, limit: number) {
  if (shelf.kind === 'smart') {
    const found = catalog.query({
      text: shelf.query,
      sort: { key: 'title', direction: 'asc' },
      offset,
      limit,
    });
    return { items: found.items, total: found.total, offset, error: found.error };
  }
  // A format shelved before it was grouped is listed as its book, once.
  const listed = [...new Set(shelf.books.flatMap((id) => catalog.listedAs(id) ?? []))];
  return {
    items: catalog.books(listed.slice(offset, offset + limit)),
    total: listed.length,
    offset,
    error: undefined,
  };
}

export const SHELF_FEEDS = {
  /** The user's shelves, each leading to its books. */
  shelves(catalog: OpdsCatalog, shelves: readonly ShelfDoc[], page: number): Feed {
    const shown = shelves.slice(offsetOf(page), offsetOf(page) + PER_PAGE);
    return {
      path: '/shelves',
      title: 'Shelves',
      kind: 'navigation',
      paging: { page, perPage: PER_PAGE, total: shelves.length },
      navigation: shown.map((shelf) => ({
        title: shelf.name,
        path: `/shelves/${encodeURIComponent(shelfKey(shelf._id))}`,
        kind: 'acquisition',
        summary:
          shelf.kind === 'smart'
            ? `Books matching “${shelf.query}”`
            : (shelf.description ?? books(shelfBooks(catalog, shelf, 0, 0).total)),
      })),
      books: [],
    };
  },

  /** One shelf's books; undefined when the user has no shelf by this key. */
  shelf(
    catalog: OpdsCatalog,
    shelves: readonly ShelfDoc[],
    key: string,
    page: number,
  ): Feed | undefined {
    const shelf = shelves.find((s) => shelfKey(s._id) === key);
    if (!shelf) return undefined;
    const found = shelfBooks(catalog, shelf, offsetOf(page), PER_PAGE);
    return {
      path: `/shelves/${encodeURIComponent(key)}`,
      title: shelf.name,
      kind: 'acquisition',
      paging: { page, perPage: PER_PAGE, total: found.total },
      navigation: [],
      books: found.items,
      ...(found.error && {
        message: `This shelf's search cannot be read: ${found.error.message}`,
      }),
    };
  },
};
