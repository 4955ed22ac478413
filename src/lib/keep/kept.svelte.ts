import type { BookRow } from '$lib/db/read-model';
import { readableUrl } from '$lib/reader/open-book';
import { keepBook, keptBooks, removeKept, storageState, type KeptBook } from './kept-books';

/** The books kept on this device, for the pages that show or change them. */
class KeptShelf {
  books = $state<KeptBook[]>([]);
  /** Books being fetched: bytes received and expected. */
  fetching = $state<Record<string, { received: number; total?: number }>>({});
  storage = $state<{ usage?: number; quota?: number; persisted: boolean }>({ persisted: false });
  private loaded: Promise<void> | undefined;

  load(): Promise<void> {
    this.loaded ??= this.refresh();
    return this.loaded;
  }

  async refresh(): Promise<void> {
    this.books = await keptBooks().catch(() => []);
    this.storage = await storageState();
  }

  find(id: string): KeptBook | undefined {
    return this.books.find((b) => b.id === id);
  }

  async keep(book: BookRow): Promise<void> {
    this.fetching = { ...this.fetching, [book.id]: { received: 0 } };
    try {
      await keepBook(
        { id: book.id, title: book.title, format: book.format },
        readableUrl(book),
        (received, total) => {
          this.fetching = { ...this.fetching, [book.id]: { received, total } };
        },
      );
    } finally {
      const { [book.id]: _done, ...rest } = this.fetching;
      this.fetching = rest;
      await this.refresh();
    }
  }

  async remove(id: string): Promise<void> {
    await removeKept(id);
    await this.refresh();
  }
}

export const kept = new KeptShelf();
