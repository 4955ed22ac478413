import { resolveDataDir } from '../config';
import { newId } from '../ids';
import { renameService } from '../rename/rename-service';
import { undoRefusal } from '../rename/undo-batch';
import { parse } from './parse';
import { openForRename, runRenameJob } from './rename';
import { UsageError } from './usage';

/**
 * `colophon undo BATCH | --last`: moves every file a rename batch moved back
 * where it was (files it replaced come back from the trash), as a journaled
 * batch of its own.
 */
export async function undo(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { last: { type: 'boolean' } }, true);
  if (positionals.length > 1) throw new UsageError('undo takes one batch id.');
  const [id] = positionals;
  if (!id && !values.last)
    throw new UsageError('undo needs a batch id (see the Rename page) or --last.');
  if (id && values.last) throw new UsageError('Give a batch id or --last, not both.');
  const agent = await openForRename(resolveDataDir(values.data));
  try {
    const { journal } = renameService(agent.ctx);
    const batch = id ? journal.get(id) : journal.lastUndoable();
    if (!batch) {
      if (id) {
        console.error(`There is no rename batch ${id}.`);
        return 1;
      }
      console.log('Nothing to undo: every rename batch that moved files is undone already.');
      return 0;
    }
    const refusal = undoRefusal(batch);
    if (refusal) {
      console.error(refusal);
      return 1;
    }
    const undoId = newId(10);
    console.log(
      `Undoing batch ${batch.id} (${batch.counts.committed + batch.counts.moved} move(s)) as batch ${undoId}.`,
    );
    return await runRenameJob(agent, { action: 'undo', batchId: undoId, undoOf: batch.id });
  } finally {
    await agent.close();
  }
}
