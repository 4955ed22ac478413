import { JOBS, type Job, type Operation } from '#core/api/jobs';
import { STATUS } from '#core/api/status';
import { apiRequest } from '$lib/auth/api';
import { laterReport } from './job-order';

/** Not finished: running, waiting to run, or paused (it resumes by itself). */
export function isActive(job: Pick<Job, 'state'>): boolean {
  return job.state === 'running' || job.state === 'queued' || job.state === 'paused';
}

/** What a paused job's page says: why it waits and what to do. */
export function pauseNote(job: Pick<Job, 'pause'>): string {
  if (job.pause?.reason === 'disk-full')
    return 'Paused: the disk is full. Free some space; it resumes by itself.';
  return `Paused: ${job.pause?.message ?? 'it resumes by itself.'}`;
}

/**
 * The agent's jobs, kept current by its event stream while it is reachable.
 * With the agent away the list is simply empty and `reachable` false: jobs
 * are the agent's business, not part of the offline catalog.
 */
class Jobs {
  list = $state<Job[]>([]);
  reachable = $state(false);
  private source?: EventSource;

  disconnect(): void {
    this.source?.close();
    this.source = undefined;
    this.list = [];
    this.reachable = false;
  }

  connect(): void {
    if (this.source) return;
    void this.refresh();
    const source = new EventSource(JOBS.events.path);
    // Each `job` event's data is a job that changed (JOBS.events).
    source.addEventListener('job', (event) => {
      this.upsert(JSON.parse((event as MessageEvent<string>).data) as Job);
    });
    source.addEventListener('open', () => {
      this.reachable = true;
      void this.refresh();
    });
    source.addEventListener('error', () => {
      this.reachable = false;
    });
    this.source = source;
  }

  async refresh(): Promise<void> {
    try {
      const answer = await apiRequest(JOBS.list);
      // Events that arrived while the answer was on its way may be newer than it.
      const known = new Map(this.list.map((job) => [job.id, job]));
      this.list = answer.map((job) => laterReport(known.get(job.id), job));
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
  }

  latest(kind: string): Job | undefined {
    return (
      this.list.find((job) => job.kind === kind && isActive(job)) ??
      this.list.filter((job) => job.kind === kind).sort((a, b) => b.id - a.id)[0]
    );
  }

  async rescan(): Promise<Job> {
    const job = await apiRequest(STATUS.scan);
    this.upsert(job);
    return job;
  }

  /** A job this page just started, shown before its first event arrives. */
  track(job: Job): void {
    this.upsert(job);
  }

  async cancel(id: number): Promise<void> {
    this.upsert(await apiRequest(JOBS.cancel, { params: { id } }));
  }

  /** Queues a failed or cancelled job again, from where it stopped. */
  async retry(id: number): Promise<void> {
    this.upsert(await apiRequest(JOBS.retry, { params: { id } }));
  }

  /** Moves a waiting job ahead of the others. */
  async runNext(id: number): Promise<void> {
    this.upsert(await apiRequest(JOBS.runNext, { params: { id } }));
  }

  async log(jobId?: number): Promise<Operation[]> {
    return apiRequest(JOBS.log, { query: { job: jobId } });
  }

  private upsert(job: Job): void {
    const index = this.list.findIndex((j) => j.id === job.id);
    if (index >= 0) this.list[index] = laterReport(this.list[index], job);
    else this.list = [job, ...this.list];
  }
}

export const jobs = new Jobs();
