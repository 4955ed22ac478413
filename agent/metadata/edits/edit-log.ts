import type { TrustChange } from '#core/merge/trust-adjust';
import type { Db } from '../../db/sqlite';

/** A field of the book's metadata, or the primary cover. */
export type EditedField = string;

/** One recorded change of the user's, as the history shows it. */
export interface EditEntry {
  id: number;
  at: string;
  userId?: string;
  bookId: string;
  field: EditedField;
  action: 'set' | 'clear';
  before: unknown;
  after: unknown;
  trustChanges: TrustChange[];
  undone: boolean;
  undoneBy?: number;
  /** The device that made it, for an edit that came as a replicated document. */
  device?: string;
  /** That document's id. */
  editId?: string;
  /** Made apart on another device and beaten by a later edit: kept here, never in force. */
  lost?: boolean;
}

/** What recording a change takes: the entry, without what the log gives it. */
export type NewEditEntry = Omit<EditEntry, 'id' | 'at' | 'undone' | 'undoneBy'> & {
  /** When it was made (a replicated edit's own time); now otherwise. */
  at?: string;
};

interface EditRow {
  id: number;
  at: number;
  user_id: string | null;
  book_id: string;
  field: string;
  action: 'set' | 'clear';
  before: string | null;
  after: string | null;
  trust_changes: string;
  undone: number;
  undone_by: number | null;
  device: string | null;
  edit_id: string | null;
  lost: number;
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The one place a metadata_edits row becomes an EditEntry. */
function toEntry(row: EditRow): EditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    ...(row.user_id ? { userId: row.user_id } : {}),
    bookId: row.book_id,
    field: row.field,
    action: row.action,
    before: json(row.before),
    after: json(row.after),
    trustChanges: JSON.parse(row.trust_changes) as TrustChange[],
    undone: row.undone === 1,
    ...(row.undone_by ? { undoneBy: row.undone_by } : {}),
    ...(row.device ? { device: row.device } : {}),
    ...(row.edit_id ? { editId: row.edit_id } : {}),
    ...(row.lost === 1 ? { lost: true } : {}),
  };
}

/** The metadata_edits table: every edit, with the trust changes it caused, and what undid it. */
export class EditLog {
  constructor(private readonly db: Db) {}

  /**
   * Records a change and marks the one it takes back (if any) undone by it,
   * in one transaction. Returns the new entry's id.
   */
  record(entry: NewEditEntry, takesBack?: number): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO metadata_edits
               (at, user_id, book_id, field, action, before, after, trust_changes, device, edit_id, lost, undone)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            entry.at === undefined ? Date.now() : Date.parse(entry.at),
            entry.userId ?? null,
            entry.bookId,
            entry.field,
            entry.action,
            entry.before === undefined ? null : JSON.stringify(entry.before),
            entry.after === undefined ? null : JSON.stringify(entry.after),
            JSON.stringify(entry.trustChanges),
            entry.device ?? null,
            entry.editId ?? null,
            entry.lost ? 1 : 0,
            entry.lost ? 1 : 0,
          ).lastInsertRowid,
      );
      if (takesBack !== undefined)
        this.db
          .prepare('UPDATE metadata_edits SET undone = 1, undone_by = ? WHERE id = ?')
          .run(id, takesBack);
      return id;
    })();
  }

  /** The value the user set on a field that is still in force, if any. */
  active(bookId: string, field: EditedField): EditEntry | undefined {
    const row = this.db
      .prepare<[string, string], EditRow>(
        `SELECT * FROM metadata_edits WHERE book_id = ? AND field = ? AND action = 'set' AND undone = 0
           AND lost = 0
         ORDER BY id DESC LIMIT 1`,
      )
      .get(bookId, field);
    return row && toEntry(row);
  }

  /** One change, by its id. */
  get(id: number): EditEntry | undefined {
    const row = this.db
      .prepare<[number], EditRow>('SELECT * FROM metadata_edits WHERE id = ?')
      .get(id);
    return row && toEntry(row);
  }

  /** The change that `id` replaced or took back (set again, or cleared), if any. */
  replacedBy(id: number): EditEntry | undefined {
    const row = this.db
      .prepare<[number], EditRow>('SELECT * FROM metadata_edits WHERE undone_by = ?')
      .get(id);
    return row && toEntry(row);
  }

  /** The newest change to a field that took effect (set or clear; not one that lost), if any. */
  latest(bookId: string, field: EditedField): EditEntry | undefined {
    const row = this.db
      .prepare<[string, string], EditRow>(
        `SELECT * FROM metadata_edits WHERE book_id = ? AND field = ? AND lost = 0
         ORDER BY id DESC LIMIT 1`,
      )
      .get(bookId, field);
    return row && toEntry(row);
  }

  /** Whether the replicated edit document `editId` was recorded already. */
  hasEdit(editId: string): boolean {
    return (
      this.db
        .prepare<[string], { n: number }>('SELECT 1 AS n FROM metadata_edits WHERE edit_id = ?')
        .get(editId) !== undefined
    );
  }

  /** The id of the newest change to each of a book's fields: the changes in force. */
  latestPerField(bookId: string): Map<EditedField, number> {
    const rows = this.db
      .prepare<[string], { field: string; id: number }>(
        'SELECT field, MAX(id) AS id FROM metadata_edits WHERE book_id = ? AND lost = 0 GROUP BY field',
      )
      .all(bookId);
    return new Map(rows.map((r) => [r.field, r.id]));
  }

  /** A book's changes, newest first. */
  history(bookId: string, limit = 200): EditEntry[] {
    return this.db
      .prepare<[string, number], EditRow>(
        'SELECT * FROM metadata_edits WHERE book_id = ? ORDER BY id DESC LIMIT ?',
      )
      .all(bookId, limit)
      .map(toEntry);
  }
}
