import { getSetting, setSetting } from '../db/settings';
import type { Db } from '../db/sqlite';
import type { OpdsBook } from './opds-book';

/** Which catalog the stored books were merged from: its update sequence and the sources' trust. */
export interface StoredState {
  seq: string | number;
  sourcesKey: string;
}

const STATE = 'opds_state';

/**
 * The feeds' books as last merged, in SQLite beside the catalog's sequence
 * they reflect: merging every book (bookView) costs about a millisecond a
 * book, so a restart reads these back and merges only what changed since.
 * Each write of books and sequence is one transaction: what is stored
 * always matches the sequence stored with it.
 */
export class OpdsBookStore {
  constructor(private readonly db: Db) {}

  state(): StoredState | undefined {
    const text = getSetting(this.db, STATE);
    return text ? (JSON.parse(text) as StoredState) : undefined;
  }

  *all(): Generator<OpdsBook> {
    const rows = this.db.prepare<[], { record: string }>('SELECT record FROM opds_books').iterate();
    for (const row of rows) yield JSON.parse(row.record) as OpdsBook;
  }

  /** Writes books, forgets `gone` ones, and records the sequence they reflect. */
  save(books: readonly OpdsBook[], gone: readonly string[], state: StoredState): void {
    const put = this.db.prepare(
      'INSERT INTO opds_books (id, record) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record',
    );
    const remove = this.db.prepare('DELETE FROM opds_books WHERE id = ?');
    this.db.transaction(() => {
      for (const book of books) put.run(book.id, JSON.stringify(book));
      for (const id of gone) remove.run(id);
      setSetting(this.db, STATE, JSON.stringify(state));
    })();
  }

  /** Replaces every stored book (after a merge of the whole catalog). */
  replace(books: readonly OpdsBook[], state: StoredState): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM opds_books');
      this.save(books, [], state);
    })();
  }
}
