import type { AgentContext } from '../context';
import type { JobStore } from '../jobs/job-store';
import type { JobContext, JobHandler } from '../jobs/runner';
import { COVERS_JOB } from '../covers/cover-job';
import type { RunControl } from './executor';
import { exclusive } from './library-lock';
import { PlanChangedError } from './plan-batch';
import { renameService } from './rename-service';
import type { RenameRequest } from './types';

export const RENAME_JOB = 'rename';

/** A rename job runs a previewed plan, or undoes a batch. */
export type RenameJobPayload =
  | { action: 'rename'; batchId: string; planHash: string; request: RenameRequest }
  | { action: 'undo'; batchId: string; undoOf: string };

export function controlOf(job: JobContext): RunControl {
  return {
    shouldStop: () => job.shouldStop,
    progress: (progress) => job.progress(progress),
    log: (kind, message, subject, details) => job.log(kind, message, subject, details),
    breathe: () => job.breathe(),
  };
}

/**
 * The rename job. First run: take the library lock (no scan or cover run
 * reads the library while files move), re-plan against the disk as it is now
 * and refuse if that is not the plan previewed, journal the batch, run it. A
 * run after a restart finds its batch journaled and resumes it (recovery has
 * usually finished it already).
 */
export function renameJob(ctx: AgentContext, jobs: JobStore): JobHandler {
  return exclusive(ctx, 'rename', async (job) => {
    const service = renameService(ctx);
    const payload = job.job.payload as RenameJobPayload;
    const control = controlOf(job);
    let batch = service.journal.get(payload.batchId);
    if (batch && batch.state !== 'running') return { batch: batch.id, state: batch.state };
    const resume = batch !== undefined;
    if (!batch) {
      // Cancelled (or shutting down) while it waited: nothing was journaled.
      if (!(await coversFinished(jobs, job))) return { batch: payload.batchId, started: false };
      if (payload.action === 'rename') {
        const planned = await service.plan(payload.request, payload.batchId);
        if (planned.hash !== payload.planHash) throw new PlanChangedError();
        batch = service.begin(planned, job.job.id, control.log);
      } else {
        batch = service.beginUndo(payload.undoOf, payload.batchId, job.job.id, control.log);
      }
    }
    const outcome = await service.run(batch.id, control, {
      resume,
      cancelled: () => jobs.isCancelRequested(job.job.id),
    });
    return { batch: batch.id, ...outcome };
  });
}

const COVERS_WAIT_MS = 500;

/**
 * Waits while a cover run reads files by path (it would miss a file that
 * moves under it). Scans cannot start meanwhile: this job holds the library
 * lock, and only scans queue cover runs. False if asked to stop meanwhile.
 */
async function coversFinished(jobs: JobStore, job: JobContext): Promise<boolean> {
  for (;;) {
    if (job.shouldStop) return false;
    if (jobs.active(COVERS_JOB)?.state !== 'running') return true;
    job.progress({ phase: 'waiting', done: 0, message: 'Waiting for the covers to be made…' });
    await new Promise((resolve) => setTimeout(resolve, COVERS_WAIT_MS));
  }
}
