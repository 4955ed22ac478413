import type { JournalEntry } from '#core/api/rename';

// A batch and its moves are what the rename API answers: their shapes live in the contract.
export {
  BATCH_STATES,
  ENTRY_STATES,
  type BatchKind,
  type BatchState,
  type BatchSummary,
  type EntryState,
  type JournalEntry,
  type RenameBatch,
  type RenameRequest,
  type Selection,
} from '#core/api/rename';

export type NewJournalEntry = Omit<JournalEntry, 'batchId' | 'state' | 'updatedAt' | 'fileId'>;
