import type { JobRunner } from '../jobs/runner';
import type { Job } from '../jobs/types';
import { SCAN_JOB, type ScanPayload } from './scan-job';

/** A scan job's folders: undefined when it scans every folder. */
function foldersOf(job: Job): string[] | undefined {
  const folders = job.payload.folders;
  return Array.isArray(folders) ? folders.filter((f) => typeof f === 'string') : undefined;
}

function covers(job: Job, wanted: readonly string[] | undefined): boolean {
  const has = foldersOf(job);
  return has === undefined || (wanted !== undefined && wanted.every((id) => has.includes(id)));
}

/**
 * A scan of these folders (every folder when none are named), without two
 * scans waiting at once: a waiting scan that covers them is the answer; one
 * that covers less (a watched folder's) is widened to cover them too; a
 * running scan that covers less gets the request queued behind it. "Scan now"
 * never comes back as a scan of one watched folder.
 */
export function requestScan(runner: JobRunner, priority: number, payload: ScanPayload = {}): Job {
  const wanted = payload.folders;
  const active = runner.store.active(SCAN_JOB);
  if (active && covers(active, wanted)) return active;
  // The waiting scan if there is one (one scan waits at a time), else a new one.
  const job = runner.enqueue(SCAN_JOB, { ...payload }, { uniqueKey: SCAN_JOB, priority });
  if (covers(job, wanted)) return job;
  const has = foldersOf(job) ?? [];
  const widened = wanted === undefined ? {} : { folders: [...new Set([...has, ...wanted])] };
  return runner.replaceQueuedPayload(job.id, widened) ?? job;
}
