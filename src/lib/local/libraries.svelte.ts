import { liveQuery, type Subscription } from 'dexie';
import { readModel } from '$lib/db/data-flow';

/**
 * Which libraries the catalog holds books from (an agent's, this device's).
 * Book cards label a book's library only when there is more than one, so a
 * catalog from a single source reads as before.
 */
class Libraries {
  ids = $state<string[]>([]);
  private subscription?: Subscription;

  get many(): boolean {
    return this.ids.length > 1;
  }

  /** Starts following the read model (once; cheap: an index's distinct keys). */
  follow(): void {
    this.subscription ??= liveQuery(() =>
      readModel.books.orderBy('library').uniqueKeys(),
    ).subscribe({
      next: (keys) => {
        const ids = keys.map(String);
        if (ids.join('\n') !== this.ids.join('\n')) this.ids = ids;
      },
      error: () => {},
    });
  }
}

export const libraries = new Libraries();
