import type { Job } from '../api/jobs';
import { checkFindings, count, jobName, jobOutcome } from './job-words';

/** What the app says when a piece of work it watched has ended. */
export interface JobNotice {
  id: number;
  title: string;
  text: string;
  failed: boolean;
}

/** The kinds a person starts and waits for; covers and KOReader ids follow a scan by themselves. */
const NOTICE_KINDS = new Set([
  'scan',
  'rename',
  'lookup',
  'calibre-import',
  'doctor',
  'doctor-repair',
  'backup',
]);

/** "Library check found 3 things": what a finished check says first. */
function title(job: Job, ended: string): string {
  if (job.kind === 'doctor' && job.state === 'done') {
    const found = checkFindings(job)?.said.length ?? 0;
    return `Library check found ${found ? count(found, 'thing') : 'nothing wrong'}`;
  }
  return `${jobName(job)} ${ended}`;
}

const ENDED: Partial<Record<Job['state'], string>> = {
  done: 'finished',
  failed: 'failed',
  cancelled: 'was cancelled',
};

const num = (result: Job['result'], key: string): number => {
  const v = result?.[key];
  return typeof v === 'number' ? v : 0;
};

/**
 * A watched folder is scanned each time a file settles: a scan that found
 * every file unchanged has nothing to tell, one that read, moved or lost
 * files has.
 */
function scanChangedNothing(job: Job): boolean {
  if (job.state !== 'done') return false;
  return ['read', 'failed', 'moved', 'missing'].every((key) => num(job.result, key) === 0);
}

export function jobNotice(job: Job): JobNotice | undefined {
  const ended = ENDED[job.state];
  if (!ended || !NOTICE_KINDS.has(job.kind)) return undefined;
  if (job.kind === 'scan' && scanChangedNothing(job)) return undefined;
  return {
    id: job.id,
    title: title(job, ended),
    text: jobOutcome(job),
    failed: job.state === 'failed',
  };
}

const isActive = (job: Job) =>
  job.state === 'running' || job.state === 'queued' || job.state === 'paused';

/**
 * Follows the job list as it changes: a job counts as ended only when this
 * watcher saw it waiting or running before, so opening the app never
 * replays the endings of yesterday's jobs.
 */
export class JobEndings {
  private active = new Set<number>();

  /** The notices for jobs that ended since the last list. */
  next(list: readonly Job[]): JobNotice[] {
    const notices: JobNotice[] = [];
    const active = new Set<number>();
    for (const job of list) {
      if (isActive(job)) active.add(job.id);
      else if (this.active.has(job.id)) {
        const notice = jobNotice(job);
        if (notice) notices.push(notice);
      }
    }
    this.active = active;
    return notices;
  }
}
