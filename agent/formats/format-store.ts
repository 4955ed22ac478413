import type { FormatAction, FormatActionKind } from '#core/api/formats';
import type { Db } from '../db/sqlite';

/** Each book's main (null: the book stands alone, or is a main itself). */
export type Membership = Record<string, string | null>;

interface ActionRow {
  id: string;
  kind: FormatActionKind;
  state: 'done' | 'undone';
  books: string;
  before: string;
  after: string;
  summary: string;
  titles: string;
  created_at: number;
  undone_at: number | null;
}

/** A decision as stored: the books it touched, and their mains before and after it. */
export interface StoredFormatAction extends FormatAction {
  bookIds: string[];
  before: Membership;
  after: Membership;
}

function toAction(row: ActionRow): StoredFormatAction {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    summary: row.summary,
    books: JSON.parse(row.titles) as string[],
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.undone_at !== null && { undoneAt: new Date(row.undone_at).toISOString() }),
    bookIds: JSON.parse(row.books) as string[],
    before: JSON.parse(row.before) as Membership,
    after: JSON.parse(row.after) as Membership,
  };
}

/**
 * Formats of one book in SQLite: which book is another format of which main
 * (`format_groups`, only the other formats have a row), and the decisions
 * that set it (`format_actions`). A decision and the membership it sets are
 * written in one transaction.
 */
export class FormatStore {
  constructor(private readonly db: Db) {}

  /** The main of each of these books now (null for a main or a book on its own). */
  membership(bookIds: readonly string[]): Membership {
    const rows = this.db
      .prepare(
        'SELECT book_id, main_id FROM format_groups WHERE book_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(bookIds)) as { book_id: string; main_id: string }[];
    const found = new Map(rows.map((r) => [r.book_id, r.main_id]));
    return Object.fromEntries(bookIds.map((id) => [id, found.get(id) ?? null]));
  }

  /** The other formats of a main book. */
  othersOf(mainId: string): string[] {
    return (
      this.db
        .prepare('SELECT book_id FROM format_groups WHERE main_id = ? ORDER BY book_id')
        .all(mainId) as { book_id: string }[]
    ).map((r) => r.book_id);
  }

  /** Every group: main → its other formats. */
  groups(): Map<string, string[]> {
    const rows = this.db
      .prepare('SELECT book_id, main_id FROM format_groups ORDER BY main_id, book_id')
      .all() as { book_id: string; main_id: string }[];
    const groups = new Map<string, string[]>();
    for (const r of rows) groups.set(r.main_id, [...(groups.get(r.main_id) ?? []), r.book_id]);
    return groups;
  }

  /** Records a decision and sets the membership it leads to, at once. */
  record(action: {
    id: string;
    kind: FormatActionKind;
    before: Membership;
    after: Membership;
    summary: string;
    titles: readonly string[];
    userId?: string;
  }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO format_actions (id, kind, state, books, before, after, summary, titles, user_id, created_at)
           VALUES (?, ?, 'done', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          action.id,
          action.kind,
          JSON.stringify(Object.keys(action.after)),
          JSON.stringify(action.before),
          JSON.stringify(action.after),
          action.summary,
          JSON.stringify(action.titles),
          action.userId ?? null,
          Date.now(),
        );
      this.set(action.after);
    })();
  }

  /** Marks a decision undone and puts its books' membership back, at once. */
  undo(id: string, membership: Membership): boolean {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          "UPDATE format_actions SET state = 'undone', undone_at = ? WHERE id = ? AND state = 'done'",
        )
        .run(Date.now(), id).changes;
      if (changed === 1) this.set(membership);
      return changed === 1;
    })();
  }

  private set(membership: Membership): void {
    const remove = this.db.prepare('DELETE FROM format_groups WHERE book_id = ?');
    const insert = this.db.prepare('INSERT INTO format_groups (book_id, main_id) VALUES (?, ?)');
    for (const [book, main] of Object.entries(membership)) {
      remove.run(book);
      if (main !== null && main !== book) insert.run(book, main);
    }
  }

  get(id: string): StoredFormatAction | undefined {
    const row = this.db.prepare('SELECT * FROM format_actions WHERE id = ?').get(id) as
      ActionRow | undefined;
    return row && toAction(row);
  }

  /** Recent decisions, newest first. */
  recent(limit = 20): StoredFormatAction[] {
    return (
      this.db
        .prepare('SELECT * FROM format_actions ORDER BY created_at DESC, rowid DESC LIMIT ?')
        .all(limit) as ActionRow[]
    ).map(toAction);
  }

  /** The sets of books an admin said are not one work (split or kept apart), in force. */
  apart(): Set<string>[] {
    return (
      this.db
        .prepare(
          "SELECT books FROM format_actions WHERE kind IN ('split', 'keep-apart') AND state = 'done'",
        )
        .all() as { books: string }[]
    ).map((r) => new Set(JSON.parse(r.books) as string[]));
  }
}
