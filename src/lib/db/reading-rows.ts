import { readingState } from '#core/reading/reading-state';
import { bookOfProgressId, readProgressDoc, type ProgressDoc } from '#core/schema/progress-doc';
import { bookOfStatusId, type ReadingStatusDoc } from '#core/schema/reading-status-doc';
import { settledStatus } from '#core/reading/status-revisions';
import type { ReadingModel } from './reading-model';

export type UserChange = PouchDB.Core.ChangesResponseChange<object>;

/** What a batch of changes brings: positions by id, statuses by book (null: gone). */
interface Batch {
  positions: Map<string, ProgressDoc | null>;
  statuses: Map<string, ReadingStatusDoc | null>;
}

/**
 * Reads a batch of the user database's changes, the revisions of conflicting
 * statuses included (fetched from PouchDB here: an IndexedDB transaction
 * cannot wait on it). A document that is not valid counts as absent.
 */
async function readBatch(pouch: PouchDB.Database, changes: readonly UserChange[]): Promise<Batch> {
  const batch: Batch = { positions: new Map(), statuses: new Map() };
  for (const change of changes) {
    if (change.id.startsWith('progress:')) {
      batch.positions.set(change.id, change.deleted ? null : (readProgressDoc(change.doc) ?? null));
    } else if (change.id.startsWith('reading-status:')) {
      const book = bookOfStatusId(change.id);
      batch.statuses.set(
        book,
        change.deleted ? null : ((await settledStatus(pouch, change.doc)) ?? null),
      );
    }
  }
  return batch;
}

/**
 * Applies a batch of the user database's changes to the reading model, with
 * the sequence they bring it to, in one transaction: the documents are kept
 * and each book they touch gets its reading state computed again. Returns the
 * books whose state was computed, or undefined when the model was meanwhile
 * taken over by another user's replica (nothing is written then).
 */
export async function applyUserChanges(
  pouch: PouchDB.Database,
  model: ReadingModel,
  source: string,
  changes: readonly UserChange[],
  seq: string | number,
): Promise<string[] | undefined> {
  const batch = await readBatch(pouch, changes);
  const books = new Set<string>(batch.statuses.keys());
  for (const id of batch.positions.keys()) books.add(bookOfProgressId(id));
  return model.transaction(
    'rw',
    [model.states, model.positions, model.statuses, model.meta],
    async () => {
      if ((await model.meta.get('source'))?.value !== source) return undefined;
      for (const [id, doc] of batch.positions)
        await (doc ? model.positions.put(doc) : model.positions.delete(id));
      for (const [book, doc] of batch.statuses)
        await (doc ? model.statuses.put(doc) : model.statuses.delete(book));
      const ids = [...books];
      const [statuses, positions] = await Promise.all([
        model.statuses.bulkGet(ids),
        model.positions.where('book').anyOf(ids).toArray(),
      ]);
      const gone: string[] = [];
      const rows = ids.flatMap((book, i) => {
        const own = positions.filter((p) => p.book === book);
        const status = statuses[i];
        if (!status && own.length === 0) {
          gone.push(book);
          return [];
        }
        return [readingState(book, status, own)];
      });
      await model.states.bulkDelete(gone);
      await model.states.bulkPut(rows);
      await model.meta.put({ key: 'seq', value: seq });
      return ids;
    },
  );
}
