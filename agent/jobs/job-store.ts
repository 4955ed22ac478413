import type { Db } from '../db/sqlite';
import { isDiskFull } from '../storage/disk-full';
import {
  PAUSE_MESSAGES,
  type EnqueueOptions,
  type Job,
  type JobProgress,
  type PauseReason,
  type StoredJobState,
} from './types';

interface JobRow {
  id: number;
  kind: string;
  payload: string;
  state: StoredJobState;
  paused: PauseReason | null;
  paused_at: number | null;
  pauses: number;
  priority: number;
  attempts: number;
  max_attempts: number;
  run_after: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  cancel_requested: number;
  unique_key: string | null;
  progress: string | null;
  checkpoint: string | null;
  result: string | null;
  error: string | null;
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());
const json = <T>(text: string | null): T | undefined =>
  text === null ? undefined : (JSON.parse(text) as T);

/** The one place a jobs row becomes a Job. */
function toJob(row: JobRow): Job {
  const paused = row.state === 'queued' && row.paused !== null;
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    state: paused ? 'paused' : row.state,
    pause:
      paused && row.paused
        ? {
            reason: row.paused,
            since: new Date(row.paused_at ?? row.run_after).toISOString(),
            message: PAUSE_MESSAGES[row.paused],
          }
        : undefined,
    pauses: row.pauses,
    priority: row.priority,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: new Date(row.run_after).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    cancelRequested: row.cancel_requested === 1,
    progress: json<JobProgress>(row.progress),
    result: json<Record<string, unknown>>(row.result),
    error: row.error ?? undefined,
  };
}

/** The jobs table: every state change is one statement, so a crash leaves it consistent. */
export class JobStore {
  /**
   * Pauses the disk was too full to write (the row still says 'running'):
   * shown as paused from here, and written by `resumePaused`.
   */
  private readonly unsavedPauses = new Map<number, { reason: PauseReason; at: number }>();
  /** Set while the runner starts nothing (the disk is full): queued jobs wait for that too. */
  private held?: { reason: PauseReason; at: number };

  constructor(private readonly db: Db) {}

  /** The runner starts nothing until `reason` is over (undefined: it starts jobs again). */
  hold(reason: PauseReason | undefined): void {
    if (!reason) this.held = undefined;
    else if (this.held?.reason !== reason) this.held = { reason, at: Date.now() };
  }

  /** A row as a Job, with a pause not yet written, or the runner's hold, shown. */
  private view(row: JobRow): Job {
    if (this.held && row.state === 'queued' && row.paused === null)
      return toJob({ ...row, paused: this.held.reason, paused_at: this.held.at });
    const pause = this.unsavedPauses.get(row.id);
    if (!pause || row.state !== 'running') return toJob(row);
    return toJob({
      ...row,
      state: 'queued',
      paused: pause.reason,
      paused_at: pause.at,
      pauses: row.pauses + 1,
      attempts: Math.max(0, row.attempts - 1),
    });
  }

  enqueue(kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Job {
    const now = Date.now();
    return this.db.transaction(() => {
      if (options.uniqueKey) {
        const existing = this.db
          .prepare<[string], JobRow>("SELECT * FROM jobs WHERE unique_key = ? AND state = 'queued'")
          .get(options.uniqueKey);
        if (existing) return this.view(existing);
      }
      const id = this.db
        .prepare(
          `INSERT INTO jobs (kind, payload, state, priority, unique_key, max_attempts, run_after, created_at)
           VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)`,
        )
        .run(
          kind,
          JSON.stringify(payload),
          options.priority ?? 0,
          options.uniqueKey ?? null,
          options.maxAttempts ?? 5,
          options.runAfter ?? now,
          now,
        ).lastInsertRowid;
      return this.get(Number(id)) as Job;
    })();
  }

  get(id: number): Job | undefined {
    const row = this.db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row && this.view(row);
  }

  /** The running, else the oldest queued (or paused), job of a kind. */
  active(kind: string): Job | undefined {
    const row = this.db
      .prepare<[string], JobRow>(
        `SELECT * FROM jobs WHERE kind = ? AND state IN ('running', 'queued')
         ORDER BY CASE state WHEN 'running' THEN 0 ELSE 1 END, id LIMIT 1`,
      )
      .get(kind);
    return row && this.view(row);
  }

  /** When the latest job of a kind started (ms), or undefined if none ever ran. */
  lastStarted(kind: string): number | undefined {
    const row = this.db
      .prepare<[string], { at: number | null }>(
        'SELECT MAX(started_at) AS at FROM jobs WHERE kind = ?',
      )
      .get(kind);
    return row?.at ?? undefined;
  }

  /** Newest first; running and queued (or paused) jobs before finished ones. */
  list(limit = 100): Job[] {
    return this.db
      .prepare<[number], JobRow>(
        `SELECT * FROM jobs ORDER BY CASE state WHEN 'running' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END, id DESC LIMIT ?`,
      )
      .all(limit)
      .map((row) => this.view(row));
  }

  /** Claims the next job that may run now, among the given kinds, highest priority first. */
  claimNext(kinds: readonly string[], now = Date.now()): Job | undefined {
    if (kinds.length === 0) return undefined;
    const marks = kinds.map(() => '?').join(', ');
    return this.db.transaction(() => {
      const row = this.db
        .prepare<unknown[], JobRow>(
          `SELECT * FROM jobs WHERE state = 'queued' AND paused IS NULL AND run_after <= ? AND kind IN (${marks})
           ORDER BY priority DESC, run_after, id LIMIT 1`,
        )
        .get(now, ...kinds);
      if (!row) return undefined;
      this.db
        .prepare(
          "UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ? WHERE id = ?",
        )
        .run(now, row.id);
      return this.get(row.id);
    })();
  }

  /** When the next queued job of these kinds becomes due (ms since epoch), if any. */
  nextDue(kinds: readonly string[]): number | undefined {
    if (kinds.length === 0) return undefined;
    const marks = kinds.map(() => '?').join(', ');
    const row = this.db
      .prepare<unknown[], { due: number | null }>(
        `SELECT min(run_after) AS due FROM jobs WHERE state = 'queued' AND paused IS NULL AND kind IN (${marks})`,
      )
      .get(...kinds);
    return row?.due ?? undefined;
  }

  setProgress(id: number, progress: JobProgress): void {
    this.db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
  }

  checkpoint<T>(id: number): T | undefined {
    const row = this.db
      .prepare<[number], { checkpoint: string | null }>('SELECT checkpoint FROM jobs WHERE id = ?')
      .get(id);
    return json<T>(row?.checkpoint ?? null);
  }

  saveCheckpoint(id: number, checkpoint: unknown): void {
    this.db
      .prepare('UPDATE jobs SET checkpoint = ? WHERE id = ?')
      .run(JSON.stringify(checkpoint), id);
  }

  finish(id: number, state: 'done' | 'cancelled', result?: Record<string, unknown>): void {
    this.db
      .prepare('UPDATE jobs SET state = ?, finished_at = ?, result = ?, error = NULL WHERE id = ?')
      .run(state, Date.now(), result ? JSON.stringify(result) : null, id);
  }

  /** A failed attempt: retried later, or failed for good once attempts are used up. */
  fail(id: number, error: string, retryAt: number | undefined): void {
    if (retryAt === undefined) {
      this.db
        .prepare("UPDATE jobs SET state = 'failed', finished_at = ?, error = ? WHERE id = ?")
        .run(Date.now(), error, id);
    } else {
      this.db
        .prepare("UPDATE jobs SET state = 'queued', run_after = ?, error = ? WHERE id = ?")
        .run(retryAt, error, id);
    }
  }

  /**
   * A running job stops for `reason` without having failed: queued again, not
   * claimed until `resumePaused`, its attempt given back. When the disk is
   * too full for even this, the pause is kept here and shown until it can be written.
   */
  pause(id: number, reason: PauseReason): Job | undefined {
    const at = Date.now();
    try {
      this.writePause(id, reason, at);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.unsavedPauses.set(id, { reason, at });
    }
    return this.get(id);
  }

  private writePause(id: number, reason: PauseReason, at: number): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = 'queued', paused = ?, paused_at = ?, pauses = pauses + 1,
           attempts = max(attempts - 1, 0), run_after = ? WHERE id = ? AND state = 'running'`,
      )
      .run(reason, at, at, id);
    this.unsavedPauses.delete(id);
  }

  /** True while some job is paused (written or not). */
  hasPaused(): boolean {
    if (this.unsavedPauses.size > 0) return true;
    return (
      this.db
        .prepare("SELECT 1 FROM jobs WHERE state = 'queued' AND paused IS NOT NULL LIMIT 1")
        .get() !== undefined
    );
  }

  /** Lets every paused job run again; returns them. Throws (keeping them paused) when that cannot be written. */
  resumePaused(): Job[] {
    for (const [id, { reason, at }] of this.unsavedPauses) this.writePause(id, reason, at);
    return this.db.transaction(() => {
      const rows = this.db
        .prepare<[], JobRow>("SELECT * FROM jobs WHERE state = 'queued' AND paused IS NOT NULL")
        .all();
      this.db.prepare('UPDATE jobs SET paused = NULL WHERE paused IS NOT NULL').run();
      return rows.map((row) => toJob({ ...row, paused: null }));
    })();
  }

  /**
   * Queues a failed or cancelled job again, with its attempts counted from
   * zero; it resumes from its checkpoint. Refused (with why) for a job in
   * another state, or when the same unique job (a scan) is already waiting.
   */
  retry(id: number): Job {
    return this.db.transaction(() => {
      const row = this.db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
      if (!row) throw new JobStateError('unknown', `There is no job #${id}.`);
      if (row.state !== 'failed' && row.state !== 'cancelled')
        throw new JobStateError(
          'not-retryable',
          `Job #${id} is ${row.state}: only a failed or cancelled job can be tried again.`,
        );
      if (row.unique_key) {
        const waiting = this.db
          .prepare<[string, number], { id: number }>(
            "SELECT id FROM jobs WHERE unique_key = ? AND state IN ('queued', 'running') AND id != ?",
          )
          .get(row.unique_key, id);
        if (waiting)
          throw new JobStateError(
            'not-retryable',
            `The same job is already waiting or running (#${waiting.id}); it does what this one would.`,
          );
      }
      this.db
        .prepare(
          `UPDATE jobs SET state = 'queued', attempts = 0, error = NULL, run_after = ?, finished_at = NULL,
             cancel_requested = 0 WHERE id = ?`,
        )
        .run(Date.now(), id);
      return this.get(id) as Job;
    })();
  }

  /**
   * Gives a job that has not started a new payload (a scan asked for more
   * folders than the one waiting covers); undefined when it started already.
   */
  replaceQueuedPayload(id: number, payload: Record<string, unknown>): Job | undefined {
    const changed = this.db
      .prepare("UPDATE jobs SET payload = ? WHERE id = ? AND state = 'queued'")
      .run(JSON.stringify(payload), id).changes;
    return changed ? this.get(id) : undefined;
  }

  /** Moves a queued job ahead of every other waiting job. */
  runNext(id: number): Job {
    return this.db.transaction(() => {
      const row = this.db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
      if (!row) throw new JobStateError('unknown', `There is no job #${id}.`);
      if (row.state !== 'queued')
        throw new JobStateError(
          'not-queued',
          `Job #${id} is ${row.state}: only a waiting job can be moved ahead.`,
        );
      const top = this.db
        .prepare<[], { p: number | null }>(
          "SELECT MAX(priority) AS p FROM jobs WHERE state = 'queued'",
        )
        .get();
      const now = Date.now();
      this.db
        .prepare('UPDATE jobs SET priority = ?, run_after = MIN(run_after, ?) WHERE id = ?')
        .run(Math.max(row.priority, (top?.p ?? 0) + 1), now, id);
      return this.get(id) as Job;
    })();
  }

  /** Asks a job to stop. A queued (or paused) one is cancelled at once; a running one at its next check. */
  requestCancel(id: number): Job | undefined {
    this.db.transaction(() => {
      if (this.unsavedPauses.has(id))
        this.db
          .prepare(
            "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'running'",
          )
          .run(Date.now(), id);
      this.db
        .prepare(
          "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'queued'",
        )
        .run(Date.now(), id);
      this.db
        .prepare("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running'")
        .run(id);
    })();
    this.unsavedPauses.delete(id);
    return this.get(id);
  }

  isCancelRequested(id: number): boolean {
    const row = this.db
      .prepare<[number], { c: number }>('SELECT cancel_requested AS c FROM jobs WHERE id = ?')
      .get(id);
    return row?.c === 1;
  }

  /**
   * Jobs left 'running' by a process that died go back to the queue, keeping
   * their checkpoint, so they resume instead of starting over. Returns them.
   */
  recoverInterrupted(): Job[] {
    return this.db.transaction(() => {
      const rows = this.db.prepare<[], JobRow>("SELECT * FROM jobs WHERE state = 'running'").all();
      const now = Date.now();
      // A queued twin would now be a duplicate: the resumed job does its work.
      this.db
        .prepare(
          `UPDATE jobs SET state = 'cancelled', finished_at = ?, error = 'Superseded by the same job resumed after a restart.'
           WHERE state = 'queued' AND unique_key IN (SELECT unique_key FROM jobs WHERE state = 'running' AND unique_key IS NOT NULL)`,
        )
        .run(now);
      this.db
        .prepare("UPDATE jobs SET state = 'queued', run_after = ? WHERE state = 'running'")
        .run(now);
      return rows.map(toJob);
    })();
  }
}

/** A job asked to do what its state does not allow; the message says why. */
export class JobStateError extends Error {
  override name = 'JobStateError';
  constructor(
    readonly reason: 'unknown' | 'not-retryable' | 'not-queued',
    message: string,
  ) {
    super(message);
  }
}
