import type { Job } from '#core/api/jobs';

/**
 * Where a report stands in its job's life: queued, running (each claim adds
 * an attempt), queued again for a retry, or paused (a pause gives its attempt
 * back and counts itself instead), …, then finished. Reports reach the page
 * by two roads, the event stream and HTTP answers, and an answer can arrive
 * after events that are newer than it (a scan of one changed file is done
 * before the page reads the "queued" that started it).
 */
function position(job: Pick<Job, 'state' | 'attempts' | 'pauses'>): number {
  const runs = job.attempts + (job.pauses ?? 0);
  if (job.state === 'running') return 2 * runs;
  if (job.state === 'queued' || job.state === 'paused') return 2 * runs + 1;
  return 2 * runs + 2;
}

/** The report to keep: `next`, unless `current` is further along (then `next` is stale). */
export function laterReport(current: Job | undefined, next: Job): Job {
  return current && position(current) > position(next) ? current : next;
}
