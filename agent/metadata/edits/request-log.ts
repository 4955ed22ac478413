import type { Db } from '../../db/sqlite';

/** How a replicated request ended: carried out, or found impossible when its turn came. */
export interface RequestOutcome {
  id: string;
  userId: string;
  action: string;
  outcome: 'done' | 'failed';
  message?: string;
  /** The job a lookup started. */
  jobId?: number;
}

/**
 * The replicated requests the agent has carried out, by document id, in
 * SQLite: a request replicated again, or met again after a restart, is
 * passed over.
 */
export class RequestLog {
  constructor(private readonly db: Db) {}

  has(id: string): boolean {
    return (
      this.db
        .prepare<[string], { n: number }>('SELECT 1 AS n FROM replicated_requests WHERE id = ?')
        .get(id) !== undefined
    );
  }

  record(entry: RequestOutcome): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO replicated_requests (id, user_id, action, done_at, outcome, message, job_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.id,
        entry.userId,
        entry.action,
        Date.now(),
        entry.outcome,
        entry.message ?? null,
        entry.jobId ?? null,
      );
  }

  get(id: string): RequestOutcome | undefined {
    const row = this.db
      .prepare<
        [string],
        {
          id: string;
          user_id: string;
          action: string;
          outcome: 'done' | 'failed';
          message: string | null;
          job_id: number | null;
        }
      >(
        'SELECT id, user_id, action, outcome, message, job_id FROM replicated_requests WHERE id = ?',
      )
      .get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      action: row.action,
      outcome: row.outcome,
      ...(row.message !== null && { message: row.message }),
      ...(row.job_id !== null && { jobId: row.job_id }),
    };
  }
}
