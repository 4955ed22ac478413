import type { ConflictPolicy, PlanSummary } from '#core/rename/plan-types';
import type { ProfileName } from '#core/rename/sanitise';

export const BATCH_STATES = ['running', 'done', 'cancelled', 'interrupted'] as const;
/**
 * running: journaled, moves under way (or a crash stopped it: recovery finishes it);
 * done: every move committed or failed; cancelled: stopped by the user at a
 * book boundary, the rest left planned; interrupted: recovery gave up
 * continuing it (see recovery.ts), every file is still where the journal says.
 */
export type BatchState = (typeof BATCH_STATES)[number];
export type BatchKind = 'rename' | 'undo';

export const ENTRY_STATES = ['planned', 'moved', 'committed', 'failed'] as const;
/**
 * planned: not done yet; moved: on disk, and the file index follows;
 * committed: the catalog document follows too; failed: not moved, see reason.
 */
export type EntryState = (typeof ENTRY_STATES)[number];

/** Which books a rename is for: every book of the library, or these (book ids). */
export type Selection = 'all' | string[];

/** What the user asks for: the same request previews and executes. */
export interface RenameRequest {
  pattern: string;
  profile: ProfileName;
  onConflict: ConflictPolicy;
  selection: Selection;
  /** Remove the folders a batch leaves empty (the source folders of its moves). */
  removeEmptyFolders: boolean;
}

/** What a batch planned, as counts for the history. */
export type BatchSummary = Partial<PlanSummary> & { moves: number };

export interface RenameBatch {
  id: string;
  kind: BatchKind;
  state: BatchState;
  /** For an undo batch: the batch it undoes. */
  undoOf?: string;
  /** For an undone batch: the undo batch. */
  undoneBy?: string;
  jobId?: number;
  pattern?: string;
  profile?: ProfileName;
  onConflict?: ConflictPolicy;
  planHash?: string;
  removeEmptyFolders: boolean;
  summary: BatchSummary;
  /** How many times a restart had to finish this batch. */
  recoveries: number;
  message?: string;
  createdAt: string;
  finishedAt?: string;
  /** Moves by state. */
  counts: Record<EntryState, number>;
}

/** One primitive move of a batch, as journaled. */
export interface JournalEntry {
  batchId: string;
  seq: number;
  /** The book the move is done for (see Move.bookId). */
  bookId: string;
  folderId: string;
  /** Absolute paths. */
  from: string;
  to: string;
  /** The same, relative to the library folder. */
  fromRel: string;
  toRel: string;
  companion: boolean;
  trash: boolean;
  temporary: boolean;
  state: EntryState;
  reason?: string;
  /** The file-index row the move carried along, if the file is cataloged. */
  fileId?: number;
  updatedAt: string;
}

export type NewJournalEntry = Omit<JournalEntry, 'batchId' | 'state' | 'updatedAt' | 'fileId'>;
