import { setTimeout as sleep } from 'node:timers/promises';
import type { JobContext } from '../jobs/runner';
import type { JobRunner } from '../jobs/runner';
import type { Job } from '../jobs/types';
import { SCAN_JOB, type ScanPayload } from '../scan/scan-job';

const POLL_MS = 100;
const FINISHED: ReadonlySet<Job['state']> = new Set(['done', 'failed', 'cancelled']);

/** The job once it has finished; undefined when `waiting` should stop first. */
async function finished(
  runner: JobRunner,
  id: number,
  waiting: JobContext,
): Promise<Job | undefined> {
  for (;;) {
    const job = runner.store.get(id);
    if (!job || FINISHED.has(job.state)) return job;
    if (waiting.shouldStop) return undefined;
    await sleep(POLL_MS);
  }
}

/** A queued scan lists its folders when it starts: one queued for this folder (or all) will do. */
const willScan = (job: Job, folderId: string): boolean => {
  const folders = (job.payload as ScanPayload).folders;
  return job.state === 'queued' && (!folders || folders.includes(folderId));
};

/**
 * Scans a library folder to the end, as the Rescan button would, from a job
 * that needs its files cataloged: a scan already running (which may have
 * listed its folders before this one was added) is waited for first. Returns
 * the finished scan, or undefined when `waiting` should stop.
 */
export async function scanFolder(
  runner: JobRunner,
  scan: (payload: ScanPayload) => Job,
  folderId: string,
  waiting: JobContext,
): Promise<Job | undefined> {
  for (;;) {
    const active = runner.store.active(SCAN_JOB);
    if (active && !willScan(active, folderId)) {
      if (!(await finished(runner, active.id, waiting))) return undefined;
      continue;
    }
    return finished(runner, (active ?? scan({ folders: [folderId] })).id, waiting);
  }
}
