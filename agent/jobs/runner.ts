import { EventEmitter } from 'node:events';
import type { OperationLog } from '../oplog/operation-log';
import { asDiskFull, DiskFullError, failedWritePath, isDiskFull } from '../storage/disk-full';
import { freeBytes } from '../storage/free-space';
import { retryDelay } from './backoff';
import type { JobStore } from './job-store';
import { DEFAULT_SPACE_POLICY, SpaceWatch, type SpacePolicy } from './space-watch';
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
  /**
   * Yields to the event loop when the job has held it for a while, so HTTP
   * stays responsive; there, about once a second, throws a DiskFullError when
   * the data folder is below its reserve of free space (the job then pauses).
   */
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

export interface RunnerOptions {
  /** The data folder: its file system is watched for space while a disk is full. */
  dataDir?: string;
  /** When to try again after a full disk, and the reserve of free space (tests change them). */
  space?: Partial<SpacePolicy>;
}

/**
 * Runs queued jobs from the SQLite job store: by priority, a bounded number
 * per kind, retrying failures with exponential backoff, and resuming jobs a
 * crash left running from their checkpoint. Emits 'job' with every change.
 *
 * A full disk is not a job's failure: the job that met it is paused (not
 * failed, no attempt spent), no other job starts (they all write), and
 * when space comes back (see SpaceWatch) the paused jobs run again from
 * their checkpoints. Nothing here throws out of a timer or a job's
 * promise: a write the runner itself cannot make pauses it the same way.
 */
export class JobRunner extends EventEmitter<{ job: [Job] }> {
  private readonly kinds = new Map<string, Registration>();
  private readonly active = new Map<number, Promise<void>>();
  private stopping = false;
  private timer?: ReturnType<typeof setTimeout>;
  private started = false;
  /** Jobs a previous process left running are requeued (once; later if the disk was full at start). */
  private interruptedRequeued = false;
  /** The agent's log has said the disk is full (said once until a job gets through again). */
  private warned = false;
  private readonly dataDir?: string;
  /** Set while the disk is full: nothing is claimed until it says to try again. */
  readonly space: SpaceWatch;

  constructor(
    readonly store: JobStore,
    private readonly oplog: OperationLog,
    options: RunnerOptions = {},
  ) {
    super();
    this.dataDir = options.dataDir;
    this.space = new SpaceWatch({ ...DEFAULT_SPACE_POLICY, ...options.space }, this.dataDir);
  }

  /** True while jobs wait for disk space. */
  get diskFull(): boolean {
    return this.space.watching;
  }

  register(kind: string, handler: JobHandler, concurrency = 1): void {
    this.kinds.set(kind, { handler, concurrency, running: 0 });
  }

  /** Requeues what a previous process left running (or paused), then starts taking jobs. */
  start(): void {
    if (this.started) return;
    this.started = true;
    try {
      this.requeueInterrupted();
      // A new start tries paused jobs again at once: space may have been freed meanwhile.
      if (this.store.hasPaused()) this.store.resumePaused();
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.waitForSpace(error);
      return;
    }
    this.tick();
  }

  private requeueInterrupted(): void {
    if (this.interruptedRequeued) return;
    for (const job of this.store.recoverInterrupted()) {
      this.note({
        jobId: job.id,
        kind: 'job.resumed',
        message: `Resuming ${job.kind} job #${job.id} after a restart.`,
      });
    }
    this.interruptedRequeued = true;
  }

  /** Queues a job; a full disk is thrown as a DiskFullError (HTTP 507). */
  enqueue(kind: string, payload: Record<string, unknown> = {}, options: EnqueueOptions = {}): Job {
    if (!this.kinds.has(kind)) throw new Error(`No handler for job kind "${kind}".`);
    let job: Job;
    try {
      job = this.store.enqueue(kind, payload, options);
    } catch (error) {
      throw asDiskFull(error);
    }
    this.emitSafely(job);
    this.tick();
    return job;
  }

  /** Cancels a job (see JobStore.requestCancel); a full disk is thrown as a DiskFullError. */
  cancel(id: number): Job | undefined {
    let job: Job | undefined;
    try {
      job = this.store.requestCancel(id);
    } catch (error) {
      throw asDiskFull(error);
    }
    if (job) {
      this.emitSafely(job);
      if (job.state === 'cancelled') {
        this.note({
          jobId: id,
          kind: 'job.cancelled',
          message: `Cancelled ${job.kind} job #${id} before it started.`,
        });
      }
    }
    return job;
  }

  /** Queues a failed or cancelled job again (see JobStore.retry). */
  retry(id: number): Job {
    const job = this.store.retry(id);
    this.note({ jobId: id, kind: 'job.retried', message: `${job.kind} job #${id} queued again.` });
    this.emitSafely(job);
    this.tick();
    return job;
  }

  /** A waiting job's payload replaced (see JobStore.replaceQueuedPayload). */
  replaceQueuedPayload(id: number, payload: Record<string, unknown>): Job | undefined {
    const job = this.store.replaceQueuedPayload(id, payload);
    if (job) this.emitSafely(job);
    return job;
  }

  /** Moves a queued job ahead of the others (see JobStore.runNext). */
  runNext(id: number): Job {
    const job = this.store.runNext(id);
    this.emitSafely(job);
    this.tick();
    return job;
  }

  /** Resolves when no job is running and none can start now (for tests and the CLI). */
  async idle(): Promise<void> {
    for (;;) {
      await Promise.all(this.active.values());
      const due = this.store.nextDue([...this.kinds.keys()]);
      // While the disk is full nothing more starts: what is paused waits for space, not for this.
      if (this.active.size === 0 && (this.diskFull || due === undefined || due > Date.now()))
        return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops taking jobs; running ones stop at their next safe point and stay queued, to resume next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.space.stop();
    await Promise.all(this.active.values());
  }

  private tick(): void {
    if (!this.started || this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.diskFull) return;
    let wait = IDLE_POLL_MS;
    try {
      for (;;) {
        const free = [...this.kinds]
          .filter(([, r]) => r.running < r.concurrency)
          .map(([kind]) => kind);
        const job = this.store.claimNext(free);
        if (!job) break;
        this.launch(job);
      }
      const due = this.store.nextDue([...this.kinds.keys()]);
      if (due !== undefined) wait = Math.max(0, Math.min(IDLE_POLL_MS, due - Date.now()));
    } catch (error) {
      // Claiming is a write: a full disk stops the runner until space comes back.
      this.trouble(error);
      if (this.diskFull) return;
    }
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref();
  }

  private launch(job: Job): void {
    const registration = this.kinds.get(job.kind);
    if (!registration) return;
    registration.running++;
    this.emitSafely(job);
    const run = this.run(job, registration.handler)
      .catch((error: unknown) => this.trouble(error))
      .finally(() => {
        registration.running--;
        this.active.delete(job.id);
        this.tick();
      });
    this.active.set(job.id, run);
  }

  private async run(job: Job, handler: JobHandler): Promise<void> {
    const { ctx, stopSeen, flush } = this.context(job);
    let result: Record<string, unknown> | undefined;
    let failure: { error: unknown } | undefined;
    try {
      await this.assertRoom();
      result = (await handler(ctx)) ?? undefined;
      flush();
    } catch (error) {
      failure = { error };
    }
    try {
      if (failure && isDiskFull(failure.error)) return this.pause(job, failure.error);
      if (failure) this.failAttempt(job, failure.error);
      else if (this.stopping && stopSeen() && !this.store.isCancelRequested(job.id)) {
        // Interrupted by shutdown: left 'running', so the next start resumes it from its checkpoint.
        return;
      } else this.complete(job, result);
    } catch (error) {
      // The runner's own write of the outcome: a full disk pauses the job (it runs again,
      // from its checkpoint, once there is space); anything else is reported, never thrown.
      if (isDiskFull(error)) return this.pause(job, error);
      this.trouble(error);
    }
    // A write went through: a later full disk starts from the shortest wait again.
    this.space.recovered();
    this.warned = false;
    const finished = this.store.get(job.id);
    if (finished) this.emitSafely(finished);
  }

  private complete(job: Job, result: Record<string, unknown> | undefined): void {
    const cancelled = this.store.isCancelRequested(job.id);
    this.store.finish(job.id, cancelled ? 'cancelled' : 'done', result);
    this.note({
      jobId: job.id,
      kind: cancelled ? 'job.cancelled' : 'job.done',
      message: `${job.kind} job #${job.id} ${cancelled ? 'cancelled' : 'finished'}.`,
      details: result,
    });
  }

  private failAttempt(job: Job, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const retry = job.attempts < job.maxAttempts && !this.store.isCancelRequested(job.id);
    const retryAt = retry ? Date.now() + retryDelay(job.attempts) : undefined;
    this.store.fail(job.id, message, retryAt);
    this.note({
      jobId: job.id,
      kind: retry ? 'job.retry' : 'job.failed',
      message: retry
        ? `${job.kind} job #${job.id} failed (${message}); retrying at ${new Date(retryAt as number).toLocaleTimeString()}.`
        : `${job.kind} job #${job.id} failed after ${job.attempts} attempt(s): ${message}`,
    });
  }

  /** The job met a full disk: it waits, paused, with everything it did kept, and so does the runner. */
  private pause(job: Job, error: unknown): void {
    let paused: Job | undefined;
    try {
      paused = this.store.pause(job.id, 'disk-full');
    } catch (writeError) {
      this.trouble(writeError);
    }
    // No path here: readers read the log too (the agent's own log says which disk).
    this.note({
      jobId: job.id,
      kind: 'job.paused',
      message: `${job.kind} job #${job.id} paused: the disk is full. Free some space; it resumes by itself.`,
    });
    this.waitForSpace(error);
    if (paused) this.emitSafely(paused);
  }

  /** Stops claiming jobs until the disk may have space again, then lets the paused ones run. */
  private waitForSpace(error: unknown): void {
    const paths = [this.dataDir, failedWritePath(error)].filter(
      (p): p is string => p !== undefined,
    );
    const entering = !this.diskFull;
    if (!this.warned)
      console.warn(
        `Colophon: the disk is full${paths.length ? ` (${paths.join(', ')})` : ''}; background jobs are paused until there is space.`,
      );
    this.warned = true;
    this.space.full(paths, () => this.tryResume());
    if (entering) {
      // What is queued waits for space too: shown paused, not as if about to start.
      this.store.hold('disk-full');
      this.emitWaiting('paused');
    }
  }

  /** Reports the jobs waiting to run (as `state` shows them) to listeners. */
  private emitWaiting(state: 'paused' | 'queued'): void {
    try {
      for (const job of this.store.list(200)) if (job.state === state) this.emitSafely(job);
    } catch (error) {
      if (!isDiskFull(error)) console.error('Colophon: could not list jobs:', error);
    }
  }

  private tryResume(): void {
    if (this.stopping) return;
    let resumed: Job[];
    try {
      // When the disk was full at start, what the last process left running is requeued now.
      this.requeueInterrupted();
      resumed = this.store.resumePaused();
    } catch (error) {
      if (!isDiskFull(error)) console.error('Colophon: could not resume paused jobs:', error);
      this.waitForSpace(error);
      return;
    }
    this.store.hold(undefined);
    for (const job of resumed) {
      this.note({
        jobId: job.id,
        kind: 'job.resuming',
        message: `Trying ${job.kind} job #${job.id} again: there may be disk space now.`,
      });
    }
    this.tick();
    this.emitWaiting('queued');
  }

  /** An error outside any job's handler: a full disk holds the runner; anything else is logged. */
  private trouble(error: unknown): void {
    if (isDiskFull(error)) this.waitForSpace(error);
    else console.error('Colophon: the job runner met an error:', error);
  }

  /** The operation log is best kept, but a line that does not fit on a full disk is not worth stopping for. */
  private note(entry: Parameters<OperationLog['record']>[0]): void {
    try {
      this.oplog.record(entry);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
    }
  }

  /**
   * Throws a DiskFullError when the data folder has less than the reserve
   * free: jobs stop there, before SQLite or LevelDB meet a full disk.
   */
  private async assertRoom(): Promise<void> {
    const { reserveBytes } = this.space.policy;
    if (!this.dataDir || reserveBytes <= 0) return;
    const free = await freeBytes(this.dataDir);
    if (free === undefined || free >= reserveBytes) return;
    throw new DiskFullError({
      path: this.dataDir,
      message: `The disk holding Colophon’s data has less than ${Math.round(reserveBytes / 1024 ** 2)} MB free: free some space; paused work resumes by itself.`,
    });
  }

  /** Listeners (the event stream, follow-up jobs) must not break the runner. */
  private emitSafely(job: Job): void {
    try {
      this.emit('job', job);
    } catch (error) {
      this.trouble(error);
    }
  }

  private context(job: Job): { ctx: JobContext; stopSeen: () => boolean; flush: () => void } {
    let lastProgressWrite = 0;
    let seen = false;
    let lastYield = Date.now();
    let pending: JobProgress | undefined;
    let cancelChecked = 0;
    let cancelled = false;
    let roomChecked = Date.now();
    const checkRoom = async () => {
      if (Date.now() - roomChecked < this.space.policy.reserveCheckMs) return;
      roomChecked = Date.now();
      await this.assertRoom();
    };
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
        // Where jobs are interrupted anyway: a disk filling up pauses them here.
        await checkRoom();
      },
    };
    return { ctx, stopSeen: () => seen, flush };
  }
}
