import { invertMoves } from '#core/rename/undo';
import type { Move } from '#core/rename/plan-types';
import type { Journal } from './journal';
import type { JournalEntry, NewJournalEntry, RenameBatch } from './types';

/** A batch that cannot be undone, and why. */
export class UndoRefusedError extends Error {
  override name = 'UndoRefusedError';
}

/** Why `batch` cannot be undone now; undefined when it can. */
export function undoRefusal(batch: RenameBatch): string | undefined {
  if (batch.kind !== 'rename')
    return `Batch ${batch.id} is itself an undo; rename again to redo it.`;
  if (batch.undoneBy) return `Batch ${batch.id} is already undone (by batch ${batch.undoneBy}).`;
  if (batch.state === 'running')
    return `Batch ${batch.id} is still running; cancel it or wait, then undo.`;
  if (batch.counts.committed + batch.counts.moved === 0)
    return `Batch ${batch.id} moved nothing, so there is nothing to undo.`;
  return undefined;
}

/**
 * Journals the undo of `batch` as a batch of its own: the moves it made,
 * backwards, each reversed (invertMoves). Only moves that happened are
 * undone; failed and never-run ones stay as they are. The original is marked
 * undone in the same transaction, so a second undo is refused.
 */
export function journalUndo(
  journal: Journal,
  batch: RenameBatch,
  undoId: string,
  jobId: number | undefined,
): void {
  const refusal = undoRefusal(batch);
  if (refusal) throw new UndoRefusedError(refusal);
  const done = journal
    .entries(batch.id)
    .filter((e) => e.state === 'committed' || e.state === 'moved');
  const moves = done.map((entry) => {
    const move: Move = { from: entry.from, to: entry.to, bookId: entry.bookId };
    if (entry.companion) move.companionOf = entry.bookId;
    if (entry.trash) move.trash = true;
    if (entry.temporary) move.temporary = true;
    return move;
  });
  const inverse = invertMoves(moves);
  const reversed = [...done].reverse();
  const entries: NewJournalEntry[] = inverse.map((move, seq) => {
    const original = reversed[seq] as JournalEntry;
    return {
      seq,
      bookId: move.bookId,
      folderId: original.folderId,
      from: move.from,
      to: move.to,
      fromRel: original.toRel,
      toRel: original.fromRel,
      companion: move.companionOf !== undefined,
      trash: move.trash === true,
      temporary: move.temporary === true,
    };
  });
  journal.create(
    {
      id: undoId,
      kind: 'undo',
      undoOf: batch.id,
      jobId,
      removeEmptyFolders: batch.removeEmptyFolders,
      summary: { moves: entries.length },
    },
    entries,
    () => {
      if (!journal.markUndone(batch.id, undoId))
        throw new UndoRefusedError(`Batch ${batch.id} was undone meanwhile.`);
    },
  );
}
