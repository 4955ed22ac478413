import type { Db } from '../sqlite';

/**
 * The durable job queue every kind of background work goes through (scans,
 * covers, lookups, renames), the operation log users read, and what the
 * scanner needs to recognise a file that moved (its content key) and to tell,
 * across restarts, which files the current scan has seen.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL DEFAULT '{}',
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      priority INTEGER NOT NULL DEFAULT 0,
      unique_key TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER NOT NULL DEFAULT 5,
      run_after INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      cancel_requested INTEGER NOT NULL DEFAULT 0,
      progress TEXT,
      checkpoint TEXT,
      result TEXT,
      error TEXT
    );
    CREATE INDEX jobs_ready ON jobs (state, priority DESC, run_after, id);
    CREATE UNIQUE INDEX jobs_unique_queued ON jobs (unique_key)
      WHERE unique_key IS NOT NULL AND state = 'queued';

    CREATE TABLE operation_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
      kind TEXT NOT NULL,
      subject TEXT,
      message TEXT NOT NULL,
      details TEXT
    );
    CREATE INDEX operation_log_job ON operation_log (job_id, id);

    ALTER TABLE files ADD COLUMN content_key TEXT;
    ALTER TABLE files ADD COLUMN last_seen_job INTEGER;
    ALTER TABLE files ADD COLUMN cover_ref TEXT;
    ALTER TABLE files ADD COLUMN cover_state TEXT NOT NULL DEFAULT 'none'
      CHECK (cover_state IN ('none', 'pending', 'done', 'failed'));
    CREATE INDEX files_content_key ON files (content_key);
    CREATE INDEX files_cover_pending ON files (cover_state) WHERE cover_state = 'pending';
  `);
}
