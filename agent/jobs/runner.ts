import { EventEmitter } from 'node:events';
import type { OperationLog } from '../oplog/operation-log';
import { retryDelay } from './backoff';
import type { JobStore } from './job-store';
import type { EnqueueOptions, Job, JobProgress } from './types';

/** What a running job can do: report progress, checkpoint, log, and notice it should stop. */
export interface JobContext {
  readonly job: Job;
  /** True once the user cancelled the job or the agent is shutting down: stop at the next safe point. */
  readonly shouldStop: boolean;
  progress(progress: JobProgress): void;
  checkpoint<T>(): T | undefined;
  saveCheckpoint(checkpoint: unknown): void;
  log(kind: string, message: string, subject?: string, details?: Record<string, unknown>): void;
  /** Yields to the event loop when the job has held it for a while, so HTTP stays responsive. */
  breathe(): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | void>;

const PROGRESS_WRITE_MS = 250;
const BREATHE_AFTER_MS = 15;
const IDLE_POLL_MS = 60_000;

interface Registration {
  handler: JobHandler;
  concurrency: number;
  running: number;
}

/**
 * Runs queued jobs from the SQLite job store: by priority, a bounded number
 * per kind, retrying failures with exponential backoff, and resuming jobs a
 * crash left running from their checkpoint. Emits 'job' with every change.
 */
export class JobRunner extends EventEmitter<{ job: [Job] }> {
  private readonly kinds = new Map<string, Registration>();
  private readonly active = new Map<number, Promise<void>>();
  private stopping = false;
  private timer?: ReturnType<typeof setTimeout>;
  private started = false;

  constructor(
    readonly store: JobStore,
    private readonly oplog: OperationLog,
  ) {
    super();
  }

  register(kind: string, handler: JobHandler, concurrency = 1): void {
    this.kinds.set(kind, { handler, concurrency, running: 0 });
  }

  /** Requeues what a previous process left running, then starts taking jobs. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.store.recoverInterrupted()) {
      this.oplog.record({
        jobId: job.id,
        kind: 'job.resumed',
        message: `Resuming ${job.kind} job #${job.id} after a restart.`,
      });
    }
    this.tick();
  }

  enqueue(kind: string, payload: Record<string, unknown> = {}, options: EnqueueOptions = {}): Job {
    if (!this.kinds.has(kind)) throw new Error(`No handler for job kind "${kind}".`);
    const job = this.store.enqueue(kind, payload, options);
    this.emit('job', job);
    this.tick();
    return job;
  }

  cancel(id: number): Job | undefined {
    const job = this.store.requestCancel(id);
    if (job) {
      this.emit('job', job);
      if (job.state === 'cancelled') {
        this.oplog.record({
          jobId: id,
          kind: 'job.cancelled',
          message: `Cancelled ${job.kind} job #${id} before it started.`,
        });
      }
    }
    return job;
  }

  /** Resolves when no job is running and none is due now (for tests and the CLI). */
  async idle(): Promise<void> {
    for (;;) {
      await Promise.all(this.active.values());
      const due = this.store.nextDue([...this.kinds.keys()]);
      if (this.active.size === 0 && (due === undefined || due > Date.now())) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops taking jobs; running ones stop at their next safe point and stay queued, to resume next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.active.values());
  }

  private tick(): void {
    if (!this.started || this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (;;) {
      const free = [...this.kinds]
        .filter(([, r]) => r.running < r.concurrency)
        .map(([kind]) => kind);
      const job = this.store.claimNext(free);
      if (!job) break;
      this.launch(job);
    }
    const due = this.store.nextDue([...this.kinds.keys()]);
    const wait =
      due === undefined ? IDLE_POLL_MS : Math.max(0, Math.min(IDLE_POLL_MS, due - Date.now()));
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref();
  }

  private launch(job: Job): void {
    const registration = this.kinds.get(job.kind);
    if (!registration) return;
    registration.running++;
    this.emit('job', job);
    const run = this.run(job, registration.handler).finally(() => {
      registration.running--;
      this.active.delete(job.id);
      this.tick();
    });
    this.active.set(job.id, run);
  }

  private async run(job: Job, handler: JobHandler): Promise<void> {
    const { ctx, stopSeen, flush } = this.context(job);
    try {
      const result = (await handler(ctx)) ?? undefined;
      flush();
      if (this.stopping && stopSeen() && !this.store.isCancelRequested(job.id)) {
        // Interrupted by shutdown: left 'running', so the next start resumes it from its checkpoint.
        return;
      }
      const cancelled = this.store.isCancelRequested(job.id);
      this.store.finish(job.id, cancelled ? 'cancelled' : 'done', result);
      this.oplog.record({
        jobId: job.id,
        kind: cancelled ? 'job.cancelled' : 'job.done',
        message: `${job.kind} job #${job.id} ${cancelled ? 'cancelled' : 'finished'}.`,
        details: result,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = job.attempts < job.maxAttempts && !this.store.isCancelRequested(job.id);
      const retryAt = retry ? Date.now() + retryDelay(job.attempts) : undefined;
      this.store.fail(job.id, message, retryAt);
      this.oplog.record({
        jobId: job.id,
        kind: retry ? 'job.retry' : 'job.failed',
        message: retry
          ? `${job.kind} job #${job.id} failed (${message}); retrying at ${new Date(retryAt as number).toLocaleTimeString()}.`
          : `${job.kind} job #${job.id} failed after ${job.attempts} attempt(s): ${message}`,
      });
    }
    const finished = this.store.get(job.id);
    if (finished) this.emit('job', finished);
  }

  private context(job: Job): { ctx: JobContext; stopSeen: () => boolean; flush: () => void } {
    let lastProgressWrite = 0;
    let seen = false;
    let lastYield = Date.now();
    let pending: JobProgress | undefined;
    let cancelChecked = 0;
    let cancelled = false;
    const shuttingDown = () => this.stopping;
    const cancelRequested = () => this.store.isCancelRequested(job.id);
    const flush = () => {
      if (!pending) return;
      this.store.setProgress(job.id, pending);
      lastProgressWrite = Date.now();
      pending = undefined;
      const current = this.store.get(job.id);
      if (current) this.emit('job', current);
    };
    const ctx: JobContext = {
      job,
      get shouldStop() {
        const now = Date.now();
        if (!cancelled && now - cancelChecked > 200) {
          cancelChecked = now;
          cancelled = cancelRequested();
        }
        seen ||= shuttingDown() || cancelled;
        return shuttingDown() || cancelled;
      },
      progress(progress) {
        pending = progress;
        if (Date.now() - lastProgressWrite >= PROGRESS_WRITE_MS || progress.done === progress.total)
          flush();
      },
      checkpoint: <T>() => this.store.checkpoint<T>(job.id),
      saveCheckpoint: (checkpoint) => this.store.saveCheckpoint(job.id, checkpoint),
      log: (kind, message, subject, details) =>
        this.oplog.record({ jobId: job.id, kind, message, subject, details }),
      async breathe() {
        if (Date.now() - lastYield < BREATHE_AFTER_MS) return;
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      },
    };
    return { ctx, stopSeen: () => seen, flush };
  }
}
