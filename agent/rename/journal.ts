import type { ConflictPolicy } from '#core/rename/plan-types';
import type { ProfileName } from '#core/rename/sanitise';
import type { Db } from '../db/sqlite';
import type {
  BatchKind,
  BatchState,
  BatchSummary,
  EntryState,
  JournalEntry,
  NewJournalEntry,
  RenameBatch,
} from './types';

interface BatchRow {
  id: string;
  kind: BatchKind;
  state: BatchState;
  undo_of: string | null;
  undone_by: string | null;
  job_id: number | null;
  pattern: string | null;
  profile: ProfileName | null;
  on_conflict: ConflictPolicy | null;
  plan_hash: string | null;
  remove_empty: number;
  summary: string;
  recoveries: number;
  message: string | null;
  created_at: number;
  finished_at: number | null;
}

interface EntryRow {
  batch_id: string;
  seq: number;
  book_id: string;
  folder_id: string;
  from_path: string;
  to_path: string;
  from_rel: string;
  to_rel: string;
  companion: number;
  trash: number;
  temporary: number;
  state: EntryState;
  reason: string | null;
  file_id: number | null;
  updated_at: number;
}

export interface NewBatch {
  id: string;
  kind: BatchKind;
  undoOf?: string;
  jobId?: number;
  pattern?: string;
  profile?: ProfileName;
  onConflict?: ConflictPolicy;
  planHash?: string;
  removeEmptyFolders: boolean;
  summary: BatchSummary;
}

const NO_COUNTS: Record<EntryState, number> = { planned: 0, moved: 0, committed: 0, failed: 0 };

/** The one place journal rows become batches and entries. */
function toBatch(row: BatchRow, counts: Record<EntryState, number>): RenameBatch {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    undoOf: row.undo_of ?? undefined,
    undoneBy: row.undone_by ?? undefined,
    jobId: row.job_id ?? undefined,
    pattern: row.pattern ?? undefined,
    profile: row.profile ?? undefined,
    onConflict: row.on_conflict ?? undefined,
    planHash: row.plan_hash ?? undefined,
    removeEmptyFolders: row.remove_empty === 1,
    summary: JSON.parse(row.summary) as BatchSummary,
    recoveries: row.recoveries,
    message: row.message ?? undefined,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at === null ? undefined : new Date(row.finished_at).toISOString(),
    counts,
  };
}

function toEntry(row: EntryRow): JournalEntry {
  return {
    batchId: row.batch_id,
    seq: row.seq,
    bookId: row.book_id,
    folderId: row.folder_id,
    from: row.from_path,
    to: row.to_path,
    fromRel: row.from_rel,
    toRel: row.to_rel,
    companion: row.companion === 1,
    trash: row.trash === 1,
    temporary: row.temporary === 1,
    state: row.state,
    reason: row.reason ?? undefined,
    fileId: row.file_id ?? undefined,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The rename journal in SQLite. A batch and all its moves are written in one
 * transaction before anything moves; after that each state change is one
 * statement, so whatever a crash leaves is a state the recovery understands.
 */
export class Journal {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      batch: db.prepare<[string], BatchRow>('SELECT * FROM rename_batches WHERE id = ?'),
      byJob: db.prepare<[number], BatchRow>(
        'SELECT * FROM rename_batches WHERE job_id = ? ORDER BY created_at DESC LIMIT 1',
      ),
      list: db.prepare<[number, number], BatchRow>(
        'SELECT * FROM rename_batches ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
      ),
      running: db.prepare<[], BatchRow>(
        "SELECT * FROM rename_batches WHERE state = 'running' ORDER BY created_at, rowid",
      ),
      counts: db.prepare<[string], { state: EntryState; n: number }>(
        'SELECT state, count(*) AS n FROM rename_entries WHERE batch_id = ? GROUP BY state',
      ),
      entries: db.prepare<[string], EntryRow>(
        'SELECT * FROM rename_entries WHERE batch_id = ? ORDER BY seq',
      ),
      insertBatch: db.prepare(`
        INSERT INTO rename_batches (id, kind, state, undo_of, job_id, pattern, profile, on_conflict,
          plan_hash, remove_empty, summary, created_at)
        VALUES (@id, @kind, 'running', @undoOf, @jobId, @pattern, @profile, @onConflict,
          @planHash, @removeEmpty, @summary, @createdAt)`),
      insertEntry: db.prepare(`
        INSERT INTO rename_entries (batch_id, seq, book_id, folder_id, from_path, to_path, from_rel,
          to_rel, companion, trash, temporary, state, updated_at)
        VALUES (@batchId, @seq, @bookId, @folderId, @from, @to, @fromRel, @toRel, @companion,
          @trash, @temporary, 'planned', @now)`),
      moved: db.prepare<[number | null, number, string, number]>(
        "UPDATE rename_entries SET state = 'moved', reason = NULL, file_id = ?, updated_at = ? WHERE batch_id = ? AND seq = ?",
      ),
      committed: db.prepare<[number, string, number]>(
        "UPDATE rename_entries SET state = 'committed', updated_at = ? WHERE batch_id = ? AND seq = ? AND state = 'moved'",
      ),
      failed: db.prepare<[string, number, string, number]>(
        "UPDATE rename_entries SET state = 'failed', reason = ?, updated_at = ? WHERE batch_id = ? AND seq = ?",
      ),
      finish: db.prepare<[BatchState, number, string | null, string]>(
        'UPDATE rename_batches SET state = ?, finished_at = ?, message = ? WHERE id = ?',
      ),
      recoveries: db.prepare<[string]>(
        'UPDATE rename_batches SET recoveries = recoveries + 1 WHERE id = ?',
      ),
      undoneBy: db.prepare<[string, string]>(
        'UPDATE rename_batches SET undone_by = ? WHERE id = ? AND undone_by IS NULL',
      ),
      lastUndoable: db.prepare<[], BatchRow>(`
        SELECT b.* FROM rename_batches b
        WHERE b.kind = 'rename' AND b.state != 'running' AND b.undone_by IS NULL
          AND EXISTS (SELECT 1 FROM rename_entries e WHERE e.batch_id = b.id AND e.state = 'committed')
        ORDER BY b.created_at DESC, b.rowid DESC LIMIT 1`),
    };
  }

  /** Writes a batch and every move it will make, all 'planned', in one transaction. */
  create(batch: NewBatch, entries: readonly NewJournalEntry[], alsoInTransaction?: () => void) {
    const now = Date.now();
    this.db.transaction(() => {
      this.s.insertBatch.run({
        id: batch.id,
        kind: batch.kind,
        undoOf: batch.undoOf ?? null,
        jobId: batch.jobId ?? null,
        pattern: batch.pattern ?? null,
        profile: batch.profile ?? null,
        onConflict: batch.onConflict ?? null,
        planHash: batch.planHash ?? null,
        removeEmpty: batch.removeEmptyFolders ? 1 : 0,
        summary: JSON.stringify(batch.summary),
        createdAt: now,
      });
      for (const entry of entries)
        this.s.insertEntry.run({
          ...entry,
          batchId: batch.id,
          companion: entry.companion ? 1 : 0,
          trash: entry.trash ? 1 : 0,
          temporary: entry.temporary ? 1 : 0,
          now,
        });
      alsoInTransaction?.();
    })();
  }

  get(id: string): RenameBatch | undefined {
    const row = this.s.batch.get(id);
    return row && toBatch(row, this.counts(id));
  }

  byJob(jobId: number): RenameBatch | undefined {
    const row = this.s.byJob.get(jobId);
    return row && toBatch(row, this.counts(row.id));
  }

  /** Newest first. */
  list(limit = 50, offset = 0): RenameBatch[] {
    return this.s.list.all(limit, offset).map((row) => toBatch(row, this.counts(row.id)));
  }

  /** Batches a process started and did not finish: what recovery looks at. */
  running(): RenameBatch[] {
    return this.s.running.all().map((row) => toBatch(row, this.counts(row.id)));
  }

  /** The newest rename batch that moved something and is not undone yet. */
  lastUndoable(): RenameBatch | undefined {
    const row = this.s.lastUndoable.get();
    return row && toBatch(row, this.counts(row.id));
  }

  counts(id: string): Record<EntryState, number> {
    const counts = { ...NO_COUNTS };
    for (const { state, n } of this.s.counts.all(id)) counts[state] = n;
    return counts;
  }

  entries(batchId: string): JournalEntry[] {
    return this.s.entries.all(batchId).map(toEntry);
  }

  /** The move is done on disk; `alsoInTransaction` carries the file index along atomically. */
  moved(entry: JournalEntry, fileId: number | undefined, alsoInTransaction?: () => void): void {
    this.db.transaction(() => {
      this.s.moved.run(fileId ?? null, Date.now(), entry.batchId, entry.seq);
      alsoInTransaction?.();
    })();
    entry.state = 'moved';
    entry.fileId = fileId;
  }

  committed(entries: readonly JournalEntry[]): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const entry of entries) this.s.committed.run(now, entry.batchId, entry.seq);
    })();
    for (const entry of entries) entry.state = 'committed';
  }

  failed(entry: JournalEntry, reason: string): void {
    this.s.failed.run(reason, Date.now(), entry.batchId, entry.seq);
    entry.state = 'failed';
    entry.reason = reason;
  }

  finish(id: string, state: BatchState, message?: string): void {
    this.s.finish.run(state, Date.now(), message ?? null, id);
  }

  countRecovery(id: string): void {
    this.s.recoveries.run(id);
  }

  /** Marks `id` undone by `undoBatch`; false when another undo got there first. */
  markUndone(id: string, undoBatch: string): boolean {
    return this.s.undoneBy.run(undoBatch, id).changes === 1;
  }
}
