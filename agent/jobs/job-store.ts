import type { Db } from '../db/sqlite';
import type { EnqueueOptions, Job, JobProgress, JobState } from './types';

interface JobRow {
  id: number;
  kind: string;
  payload: string;
  state: JobState;
  priority: number;
  attempts: number;
  max_attempts: number;
  run_after: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  cancel_requested: number;
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
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    state: row.state,
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
  constructor(private readonly db: Db) {}

  enqueue(kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Job {
    const now = Date.now();
    return this.db.transaction(() => {
      if (options.uniqueKey) {
        const existing = this.db
          .prepare<[string], JobRow>("SELECT * FROM jobs WHERE unique_key = ? AND state = 'queued'")
          .get(options.uniqueKey);
        if (existing) return toJob(existing);
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
    return row && toJob(row);
  }

  /** The running, else the oldest queued, job of a kind. */
  active(kind: string): Job | undefined {
    const row = this.db
      .prepare<[string], JobRow>(
        `SELECT * FROM jobs WHERE kind = ? AND state IN ('running', 'queued')
         ORDER BY CASE state WHEN 'running' THEN 0 ELSE 1 END, id LIMIT 1`,
      )
      .get(kind);
    return row && toJob(row);
  }

  /** Newest first; running and queued jobs before finished ones. */
  list(limit = 100): Job[] {
    return this.db
      .prepare<[number], JobRow>(
        `SELECT * FROM jobs ORDER BY CASE state WHEN 'running' THEN 0 WHEN 'queued' THEN 1 ELSE 2 END, id DESC LIMIT ?`,
      )
      .all(limit)
      .map(toJob);
  }

  /** Claims the next job that may run now, among the given kinds, highest priority first. */
  claimNext(kinds: readonly string[], now = Date.now()): Job | undefined {
    if (kinds.length === 0) return undefined;
    const marks = kinds.map(() => '?').join(', ');
    return this.db.transaction(() => {
      const row = this.db
        .prepare<unknown[], JobRow>(
          `SELECT * FROM jobs WHERE state = 'queued' AND run_after <= ? AND kind IN (${marks})
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
        `SELECT min(run_after) AS due FROM jobs WHERE state = 'queued' AND kind IN (${marks})`,
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

  /** Asks a job to stop. A queued one is cancelled at once; a running one at its next check. */
  requestCancel(id: number): Job | undefined {
    this.db.transaction(() => {
      this.db
        .prepare(
          "UPDATE jobs SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'queued'",
        )
        .run(Date.now(), id);
      this.db
        .prepare("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running'")
        .run(id);
    })();
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
