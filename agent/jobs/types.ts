import type { WorkProgress } from '#core/progress';

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** How far a job has come; shown live and kept with the job. */
export type JobProgress = WorkProgress;

/** A job as the API and the UI see it. */
export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  state: JobState;
  priority: number;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  cancelRequested: boolean;
  progress?: JobProgress;
  result?: Record<string, unknown>;
  error?: string;
}

export interface EnqueueOptions {
  priority?: number;
  maxAttempts?: number;
  /** At most one queued job per key: enqueueing again returns the queued one (a running one may have passed the change). */
  uniqueKey?: string;
  /** Not before this time (ms since epoch). */
  runAfter?: number;
}
