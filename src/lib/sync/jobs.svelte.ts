import type { WorkProgress } from '#core/progress';
import { api } from '$lib/auth/api';
import { laterReport } from './job-order';

/** A background job as the agent reports it (see agent/jobs/types.ts). */
export interface JobReport {
  id: number;
  kind: string;
  state: 'queued' | 'paused' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Why a paused job waits (a full disk), and what the person can do about it. */
  pause?: { reason: 'disk-full'; since: string; message: string };
  /** Times it was paused: a pause gives its attempt back. */
  pauses?: number;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  runAfter: string;
  cancelRequested: boolean;
  progress?: WorkProgress;
  result?: Record<string, unknown>;
  error?: string;
}

/** Not finished: running, waiting to run, or paused (it resumes by itself). */
export function isActive(job: Pick<JobReport, 'state'>): boolean {
  return job.state === 'running' || job.state === 'queued' || job.state === 'paused';
}

/** What a paused job's page says: why it waits and what to do. */
export function pauseNote(job: Pick<JobReport, 'pause'>): string {
  if (job.pause?.reason === 'disk-full')
    return 'Paused: the disk is full. Free some space; it resumes by itself.';
  return `Paused: ${job.pause?.message ?? 'it resumes by itself.'}`;
}

/** One line of the agent's operation log. */
export interface Operation {
  id: number;
  at: string;
  jobId?: number;
  kind: string;
  subject?: string;
  message: string;
}

/**
 * The agent's jobs, kept current by its event stream while it is reachable.
 * With the agent away the list is simply empty and `reachable` false: jobs
 * are the agent's business, not part of the offline catalog.
 */
class Jobs {
  list = $state<JobReport[]>([]);
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
    const source = new EventSource('/api/events');
    source.addEventListener('job', (event) => {
      this.upsert(JSON.parse((event as MessageEvent<string>).data) as JobReport);
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
      const answer = await api<JobReport[]>('/api/jobs');
      // Events that arrived while the answer was on its way may be newer than it.
      const known = new Map(this.list.map((job) => [job.id, job]));
      this.list = answer.map((job) => laterReport(known.get(job.id), job));
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
  }

  latest(kind: string): JobReport | undefined {
    return (
      this.list.find((job) => job.kind === kind && isActive(job)) ??
      this.list.filter((job) => job.kind === kind).sort((a, b) => b.id - a.id)[0]
    );
  }

  async rescan(): Promise<JobReport> {
    const job = await api<JobReport>('/api/scans', { method: 'POST' });
    this.upsert(job);
    return job;
  }

  async cancel(id: number): Promise<void> {
    this.upsert(await api<JobReport>(`/api/jobs/${id}/cancel`, { method: 'POST' }));
  }

  async log(jobId?: number): Promise<Operation[]> {
    return api<Operation[]>(jobId === undefined ? '/api/log' : `/api/log?job=${jobId}`);
  }

  private upsert(job: JobReport): void {
    const index = this.list.findIndex((j) => j.id === job.id);
    if (index >= 0) this.list[index] = laterReport(this.list[index], job);
    else this.list = [job, ...this.list];
  }
}

export const jobs = new Jobs();
