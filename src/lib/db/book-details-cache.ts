import Dexie, { type EntityTable } from 'dexie';
import type { BookDetails } from '#core/api/book-details';

/** A book's details as the agent last gave them, and when. */
export interface SavedBookDetails {
  /** The book document's id. */
  id: string;
  details: BookDetails;
  fetchedAt: string;
}

/**
 * The details of books whose metadata page was opened, kept so the page
 * still shows every candidate offline. Apart from the read model: that one
 * is rebuilt from the replica, and these are not in the replica.
 */
export class BookDetailsCache extends Dexie {
  details!: EntityTable<SavedBookDetails, 'id'>;

  constructor(name = 'colophon-book-details') {
    super(name);
    this.version(1).stores({ details: 'id' });
  }
}

export const bookDetailsCache = new BookDetailsCache();
