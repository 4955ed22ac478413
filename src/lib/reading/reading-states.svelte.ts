import { SvelteMap } from 'svelte/reactivity';
import type { ReadingChange } from '$lib/db/reading-bridge';
import type { ReadingModel, ReadingRow } from '$lib/db/reading-model';
import { mainOfEach, type CatalogBooks } from './format-mains';

/** The one of two states the user did something with last (the other when one is missing). */
function lastActive(a: ReadingRow | undefined, b: ReadingRow | undefined): ReadingRow | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.activeAt || '0') > Date.parse(a.activeAt || '0') ? b : a;
}

/**
 * The signed-in user's reading state of every book they did something with,
 * in memory for the pages: a card asks for its own book (only its key is
 * followed), the dashboard for the books being read. Kept from the reading
 * model, told by the bridge what changed.
 *
 * A file read before an admin grouped it as another format of a book shows
 * its reading under that book (the user's own documents keep its id): the
 * book's state is the one of its formats the user did something with last.
 */
class ReadingStates {
  private readonly rows = new SvelteMap<string, ReadingRow>();
  /** Another format's id → its main's id, for the books in `rows` that are one. */
  private readonly mains = new SvelteMap<string, string>();
  private applied = Promise.resolve();

  /** The state of one book (its other formats' too); undefined for a book never opened nor set (unread). */
  of(book: string): ReadingRow | undefined {
    let state = this.rows.get(book);
    for (const [other, main] of this.mains)
      if (main === book) state = lastActive(state, this.rows.get(other));
    return state;
  }

  /** The book a state shows under: its main when it is another format of one, else itself. */
  shownAs(book: string): string {
    return this.mains.get(book) ?? book;
  }

  /** The books being read, the one last read first: one state per book shown, its formats' last. */
  get reading(): ReadingRow[] {
    const shown = new Set([...this.rows.keys()].map((book) => this.shownAs(book)));
    return [...shown]
      .flatMap((book) => this.of(book) ?? [])
      .filter((row) => row.status === 'reading')
      .sort((a, b) => Date.parse(b.activeAt || '0') - Date.parse(a.activeAt || '0'));
  }

  /** Takes in what the bridge changed; changes are taken in the order they came. */
  apply(model: ReadingModel, change: ReadingChange, catalog?: CatalogBooks): Promise<void> {
    return this.then(() => this.read(model, change, catalog));
  }

  /** The catalog changed these books: those the user read may have been grouped, or split. */
  booksChanged(catalog: CatalogBooks, books: readonly string[]): Promise<void> {
    return this.then(() =>
      this.learn(
        catalog,
        books.filter((b) => this.rows.has(b)),
      ),
    );
  }

  private then(step: () => Promise<void>): Promise<void> {
    this.applied = this.applied.then(step).catch((error: unknown) => {
      console.error('[colophon] Reading states could not be read:', error);
    });
    return this.applied;
  }

  private async read(
    model: ReadingModel,
    change: ReadingChange,
    catalog: CatalogBooks | undefined,
  ): Promise<void> {
    if (change.reset) {
      const all = await model.states.toArray();
      this.rows.clear();
      this.mains.clear();
      for (const row of all) this.rows.set(row.book, row);
      if (catalog) await this.learn(catalog, [...this.rows.keys()]);
      return;
    }
    const rows = await model.states.bulkGet(change.books);
    change.books.forEach((book, i) => {
      const row = rows[i];
      if (row) this.rows.set(book, row);
      else this.rows.delete(book);
    });
    if (catalog) await this.learn(catalog, change.books);
  }

  /** Which of these books are other formats of a book now, and of which. */
  private async learn(catalog: CatalogBooks, books: readonly string[]): Promise<void> {
    if (books.length === 0) return;
    const mains = await mainOfEach(catalog, books);
    books.forEach((book, i) => {
      const main = mains[i];
      if (main && main !== book) this.mains.set(book, main);
      else this.mains.delete(book);
    });
  }
}

export const readingStates = new ReadingStates();
