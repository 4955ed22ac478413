import type { Db } from '../sqlite';

/**
 * Requests of the agent that came as replicated documents (see
 * ReplicatedRequests): each id once carried out (or found impossible), so a
 * request replicated again, or met again after a restart, is not carried out
 * twice. `job_id` is the job a lookup started; `outcome` is 'done' or
 * 'failed', with `message` saying why it failed.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE replicated_requests (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      action TEXT NOT NULL,
      done_at INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('done', 'failed')),
      message TEXT,
      job_id INTEGER
    );
  `);
}
