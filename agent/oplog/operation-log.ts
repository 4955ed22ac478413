import type { Operation } from '#core/api/jobs';
import type { Db } from '../db/sqlite';

// An entry's shape is the API's: the app reads the log as the agent sends it.
export type { Operation } from '#core/api/jobs';

interface OperationRow {
  id: number;
  at: number;
  job_id: number | null;
  kind: string;
  subject: string | null;
  message: string;
  details: string | null;
}

function toOperation(row: OperationRow): Operation {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    jobId: row.job_id ?? undefined,
    kind: row.kind,
    subject: row.subject ?? undefined,
    message: row.message,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : undefined,
  };
}

/** Kinds of entry about accounts (`user.added`, `user.password`, …): for admins' eyes only. */
const ACCOUNT_KINDS = 'user.%';

/** Every job and what it changed, appended as it happens, readable by the user. */
export class OperationLog {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO operation_log (at, job_id, kind, subject, message, details) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  record(entry: {
    jobId?: number;
    kind: string;
    subject?: string;
    message: string;
    details?: Record<string, unknown>;
  }): void {
    this.insert.run(
      Date.now(),
      entry.jobId ?? null,
      entry.kind,
      entry.subject ?? null,
      entry.message,
      entry.details ? JSON.stringify(entry.details) : null,
    );
  }

  /**
   * Newest first; for one job when jobId is given; `before` pages back by id.
   * `accounts: false` leaves out entries about accounts (filtered here, not
   * after, so a page is still `limit` long).
   */
  list(
    options: { jobId?: number; limit?: number; before?: number; accounts?: boolean } = {},
  ): Operation[] {
    const limit = Math.min(options.limit ?? 200, 1000);
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    const accounts = options.accounts === false ? 0 : 1;
    const rows =
      options.jobId === undefined
        ? this.db
            .prepare<[number, string, number, number], OperationRow>(
              'SELECT * FROM operation_log WHERE (? OR kind NOT LIKE ?) AND id < ? ORDER BY id DESC LIMIT ?',
            )
            .all(accounts, ACCOUNT_KINDS, before, limit)
        : this.db
            .prepare<[number, number, string, number, number], OperationRow>(
              'SELECT * FROM operation_log WHERE job_id = ? AND (? OR kind NOT LIKE ?) AND id < ? ORDER BY id DESC LIMIT ?',
            )
            .all(options.jobId, accounts, ACCOUNT_KINDS, before, limit);
    return rows.map(toOperation);
  }
}
