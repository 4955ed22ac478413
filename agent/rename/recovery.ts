import type { Agent } from '../agent';
import { isDiskFull } from '../storage/disk-full';
import type { RunControl, RunOutcome } from './executor';
import { renameService, type RenameService } from './rename-service';
import type { RenameBatch } from './types';

/** Past this many restarts a batch may be what crashes the agent: stop finishing it. */
export const MAX_RECOVERIES = 3;

export interface RecoveredBatch {
  batch: string;
  outcome?: RunOutcome;
  /** The batch was left 'interrupted' instead of finished. */
  gaveUp: boolean;
}

/**
 * Finishes every rename batch a crash left half-done, before the agent does
 * anything else. The rule is to FINISH, not roll back:
 *
 * - the journal holds a whole plan the user previewed and confirmed, and the
 *   user's last word wins: a half-done rename is completed, a half-done undo
 *   is completed (rolling it back would redo the rename the user was undoing);
 * - finishing is safe against a disk that changed meanwhile: each remaining
 *   move is checked (source there, destination free) exactly as in a normal
 *   run, and fails with its reason rather than replace or lose anything;
 * - the result is an ordinary finished batch, so "I did not want it" is one
 *   undo away, through the same path the property tests cover.
 *
 * The move in flight is decided from the disk (see BatchRun.reconcile), moves
 * whose catalog document had not followed are committed, then the rest run.
 * A batch already recovered MAX_RECOVERIES times is only brought to a safe
 * point (no file at a temporary name) and left 'interrupted', so a batch that
 * itself crashes the agent cannot lock the user out of every command.
 */
export async function recoverRenames(
  agent: Pick<Agent, 'ctx' | 'oplog' | 'runner'>,
): Promise<RecoveredBatch[]> {
  const service = renameService(agent.ctx);
  const recovered: RecoveredBatch[] = [];
  for (const batch of service.journal.running()) {
    try {
      recovered.push(await recoverBatch(agent, service, batch));
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      // A full disk does not keep the agent from starting: the batch stays journaled
      // and running, and its job (paused, or requeued) finishes it when there is space.
      console.warn(
        `Colophon: rename batch ${batch.id} could not be finished: the disk is full. It resumes when there is space.`,
      );
    }
  }
  return recovered;
}

async function recoverBatch(
  agent: Pick<Agent, 'ctx' | 'oplog' | 'runner'>,
  service: RenameService,
  batch: RenameBatch,
): Promise<RecoveredBatch> {
  service.journal.countRecovery(batch.id);
  const gaveUp = batch.recoveries + 1 > MAX_RECOVERIES;
  const log: RunControl['log'] = (kind, message, subject, details) =>
    agent.oplog.record({ jobId: batch.jobId, kind, subject, message, details });
  const total = Object.values(batch.counts).reduce((a, b) => a + b, 0);
  log(
    'rename.recovering',
    gaveUp
      ? `Batch ${batch.id} was interrupted again (restart ${batch.recoveries + 1}); bringing it to a safe point only.`
      : `Batch ${batch.id} was interrupted with ${batch.counts.planned} of ${total} move(s) not done; finishing it before anything else.`,
    undefined,
    { batch: batch.id },
  );
  const control: RunControl = {
    shouldStop: () => gaveUp,
    progress: () => {},
    log,
    breathe: async () => {},
  };
  let outcome: RunOutcome | undefined;
  let failure: string | undefined;
  try {
    outcome = await service.run(batch.id, control, { resume: true });
  } catch (error) {
    if (!gaveUp || isDiskFull(error)) throw error;
    failure = error instanceof Error ? error.message : String(error);
  }
  if (gaveUp && (failure !== undefined || outcome?.stopped)) {
    const message = `Colophon stopped finishing this batch after ${MAX_RECOVERIES} restarts${failure ? ` (${failure})` : ''}. Every file is where the journal says; undo the batch, or preview and rename again.`;
    service.journal.finish(batch.id, 'interrupted', message);
    log('rename.interrupted', message, undefined, { batch: batch.id });
  }
  finishJob(agent, batch.jobId, { batch: batch.id, recovered: true, ...outcome });
  return { batch: batch.id, outcome, gaveUp };
}

/** The job that ran the batch is over with it: it is not to be resumed. */
function finishJob(
  agent: Pick<Agent, 'runner'>,
  jobId: number | undefined,
  result: Record<string, unknown>,
): void {
  if (jobId === undefined) return;
  const job = agent.runner.store.get(jobId);
  if (job && ['running', 'queued', 'paused'].includes(job.state))
    agent.runner.store.finish(jobId, 'done', result);
}
