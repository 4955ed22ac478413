import type { MaintenanceAction, MaintenanceKind } from '#core/api/maintenance';
import type { Db } from '../db/sqlite';
import type { FileRow } from '../scan/file-index';

type ActionState = MaintenanceAction['state'];
export type EntryState = 'planned' | 'moved' | 'removed' | 'returned' | 'restored' | 'failed';

interface ActionRow {
  id: string;
  kind: MaintenanceKind;
  state: ActionState;
  content_key: string | null;
  files: string;
  summary: string;
  books: string;
  message: string | null;
  created_at: number;
  undone_at: number | null;
}

interface EntryRow {
  action_id: string;
  seq: number;
  book_id: string;
  folder_id: string;
  rel_path: string;
  trash_rel: string | null;
  file_row: string;
  book_doc: string | null;
  state: EntryState;
  reason: string | null;
}

/** One book an action took out of the catalog (and, for keep-one, whose file it moved). */
export interface MaintenanceEntry {
  actionId: string;
  seq: number;
  bookId: string;
  folderId: string;
  relPath: string;
  /** Where keep-one put the file, below the same library folder; none for a missing book. */
  trashRel?: string;
  /** The file-index row as it was, to insert again on undo. */
  fileRow: FileRow;
  /** The catalog document as it was (no revision), to write again on undo. */
  bookDoc?: Record<string, unknown>;
  state: EntryState;
  reason?: string;
}

export type NewEntry = Omit<MaintenanceEntry, 'actionId' | 'state' | 'reason'>;

export interface StoredAction extends MaintenanceAction {
  contentKey?: string;
  /** What the group was when decided (keep-both: its file ids; ignore: each file's place and date). */
  files: string;
}

function toAction(row: ActionRow): StoredAction {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    summary: row.summary,
    books: JSON.parse(row.books) as string[],
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.undone_at !== null && { undoneAt: new Date(row.undone_at).toISOString() }),
    ...(row.message !== null && { message: row.message }),
    ...(row.content_key !== null && { contentKey: row.content_key }),
    files: row.files,
  };
}

function toEntry(row: EntryRow): MaintenanceEntry {
  return {
    actionId: row.action_id,
    seq: row.seq,
    bookId: row.book_id,
    folderId: row.folder_id,
    relPath: row.rel_path,
    ...(row.trash_rel !== null && { trashRel: row.trash_rel }),
    fileRow: JSON.parse(row.file_row) as FileRow,
    ...(row.book_doc !== null && {
      bookDoc: JSON.parse(row.book_doc) as Record<string, unknown>,
    }),
    state: row.state,
    ...(row.reason !== null && { reason: row.reason }),
  };
}

const GROUP_KINDS = "('keep-one', 'keep-both', 'ignore')";

/**
 * The maintenance journal in SQLite: an action and all its entries are
 * written in one transaction before anything moves; each step after that is
 * one statement (or one transaction with the file-index change it goes
 * with), so a crash leaves a state recovery understands.
 */
export class MaintenanceJournal {
  constructor(private readonly db: Db) {}

  create(
    action: {
      id: string;
      kind: MaintenanceKind;
      state: ActionState;
      contentKey?: string;
      files?: string;
      summary: string;
      books: readonly string[];
      userId?: string;
    },
    entries: readonly NewEntry[] = [],
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO maintenance_actions (id, kind, state, content_key, files, summary, books, user_id, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          action.id,
          action.kind,
          action.state,
          action.contentKey ?? null,
          action.files ?? '[]',
          action.summary,
          JSON.stringify(action.books),
          action.userId ?? null,
          Date.now(),
        );
      const insert = this.db.prepare(
        `INSERT INTO maintenance_entries (action_id, seq, book_id, folder_id, rel_path, trash_rel, file_row, book_doc, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned')`,
      );
      for (const e of entries)
        insert.run(
          action.id,
          e.seq,
          e.bookId,
          e.folderId,
          e.relPath,
          e.trashRel ?? null,
          JSON.stringify(e.fileRow),
          e.bookDoc ? JSON.stringify(e.bookDoc) : null,
        );
    })();
  }

  get(id: string): StoredAction | undefined {
    const row = this.db.prepare('SELECT * FROM maintenance_actions WHERE id = ?').get(id) as
      ActionRow | undefined;
    return row && toAction(row);
  }

  /** Recent actions of these kinds, newest first. */
  recent(kinds: readonly MaintenanceKind[], limit = 20): StoredAction[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM maintenance_actions WHERE kind IN (SELECT value FROM json_each(?))
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        )
        .all(JSON.stringify(kinds), limit) as ActionRow[]
    ).map(toAction);
  }

  /** Actions a process started (or started undoing) and did not finish. */
  unfinished(): StoredAction[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM maintenance_actions WHERE state IN ('running', 'undoing') ORDER BY created_at, rowid",
        )
        .all() as ActionRow[]
    ).map(toAction);
  }

  /** Decisions in force about groups: what hides a group, or is moving its files. */
  groupDecisions(): StoredAction[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM maintenance_actions WHERE kind IN ${GROUP_KINDS} AND state != 'undone' AND content_key IS NOT NULL`,
        )
        .all() as ActionRow[]
    ).map(toAction);
  }

  entries(actionId: string): MaintenanceEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM maintenance_entries WHERE action_id = ? ORDER BY seq')
        .all(actionId) as EntryRow[]
    ).map(toEntry);
  }

  /** Moves an entry on; `alsoInTransaction` carries the file index along atomically. */
  setEntry(
    entry: MaintenanceEntry,
    state: EntryState,
    reason?: string,
    alsoInTransaction?: () => void,
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE maintenance_entries SET state = ?, reason = ? WHERE action_id = ? AND seq = ?',
        )
        .run(state, reason ?? null, entry.actionId, entry.seq);
      alsoInTransaction?.();
    })();
    entry.state = state;
    if (reason === undefined) delete entry.reason;
    else entry.reason = reason;
  }

  setState(id: string, state: ActionState, message?: string): void {
    this.db
      .prepare(
        `UPDATE maintenance_actions SET state = ?, message = ?,
           undone_at = CASE WHEN ? = 'undone' THEN ? ELSE undone_at END WHERE id = ?`,
      )
      .run(state, message ?? null, state, Date.now(), id);
  }

  /** Starts an undo; false when it is not 'done' (already undone, or another undo got there first). */
  beginUndo(id: string): boolean {
    return (
      this.db
        .prepare("UPDATE maintenance_actions SET state = 'undoing' WHERE id = ? AND state = 'done'")
        .run(id).changes === 1
    );
  }
}
