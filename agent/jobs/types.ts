import type { WorkProgress } from '#core/progress';

export const JOB_STATES = ['queued', 'paused', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States as stored: a paused job is stored 'queued', with the reason it waits. */
export type StoredJobState = Exclude<JobState, 'paused'>;

/** Why a job waits without running: the only one so far is a full disk. */
export type PauseReason = 'disk-full';

/** What the UI says of a paused job. */
export const PAUSE_MESSAGES: Record<PauseReason, string> = {
  'disk-full': 'The disk is full. Free some space; it resumes by itself.',
};

export interface JobPause {
  reason: PauseReason;
  /** When it paused (ISO 8601). */
  since: string;
  message: string;
}

/** How far a job has come; shown live and kept with the job. */
export type JobProgress = WorkProgress;

/** A job as the API and the UI see it. */
export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  state: JobState;
  /** Set while the state is 'paused'. */
  pause?: JobPause;
  /** Times it was paused; a pause gives its attempt back (a full disk is not the job's failure). */
  pauses: number;
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

/**
 * Kinds only admins see on the Jobs page: checking the library and backing
 * up are theirs, and their results name folders on the agent's machine.
 */
export const ADMIN_JOB_KINDS: ReadonlySet<string> = new Set(['doctor', 'doctor-repair', 'backup']);
