import { SvelteMap } from 'svelte/reactivity';
import type { ReadingChange } from '$lib/db/reading-bridge';
import type { ReadingModel, ReadingRow } from '$lib/db/reading-model';

/**
 * The signed-in user's reading state of every book they did something with,
 * in memory for the pages: a card asks for its own book (only its key is
 * followed), the dashboard for the books being read. Kept from the reading
 * model, told by the bridge what changed.
 */
class ReadingStates {
  private readonly rows = new SvelteMap<string, ReadingRow>();
  private applied = Promise.resolve();

  /** The state of one book; undefined for a book never opened nor set (unread). */
  of(book: string): ReadingRow | undefined {
    return this.rows.get(book);
  }

  /** The books being read, the one last read first. */
  get reading(): ReadingRow[] {
    return [...this.rows.values()]
      .filter((row) => row.status === 'reading')
      .sort((a, b) => Date.parse(b.activeAt || '0') - Date.parse(a.activeAt || '0'));
  }

  /** Takes in what the bridge changed; changes are taken in the order they came. */
  apply(model: ReadingModel, change: ReadingChange): Promise<void> {
    this.applied = this.applied
      .then(() => this.read(model, change))
      .catch((error: unknown) => {
        console.error('[colophon] Reading states could not be read:', error);
      });
    return this.applied;
  }

  private async read(model: ReadingModel, change: ReadingChange): Promise<void> {
    if (change.reset) {
      const all = await model.states.toArray();
      this.rows.clear();
      for (const row of all) this.rows.set(row.book, row);
      return;
    }
    const rows = await model.states.bulkGet(change.books);
    change.books.forEach((book, i) => {
      const row = rows[i];
      if (row) this.rows.set(book, row);
      else this.rows.delete(book);
    });
  }
}

export const readingStates = new ReadingStates();
