import type { Db } from '../sqlite';

/**
 * The rename journal: a batch is written whole, every move 'planned', before
 * the first file moves; each move then advances planned → moved (on disk, and
 * the file index follows in the same transaction) → committed (the catalog
 * document follows too), or to failed with its reason. Whatever opens the
 * data dir next reads it to finish a batch a crash interrupted.
 */
export function up(db: Db): void {
  db.exec(`
    CREATE TABLE rename_batches (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('rename', 'undo')),
      state TEXT NOT NULL CHECK (state IN ('running', 'done', 'cancelled', 'interrupted')),
      undo_of TEXT REFERENCES rename_batches (id),
      undone_by TEXT REFERENCES rename_batches (id),
      job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
      pattern TEXT,
      profile TEXT,
      on_conflict TEXT,
      plan_hash TEXT,
      remove_empty INTEGER NOT NULL DEFAULT 1,
      summary TEXT NOT NULL DEFAULT '{}',
      recoveries INTEGER NOT NULL DEFAULT 0,
      message TEXT,
      created_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE INDEX rename_batches_state ON rename_batches (state);
    CREATE INDEX rename_batches_job ON rename_batches (job_id);

    CREATE TABLE rename_entries (
      batch_id TEXT NOT NULL REFERENCES rename_batches (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      book_id TEXT NOT NULL,
      folder_id TEXT NOT NULL,
      from_path TEXT NOT NULL,
      to_path TEXT NOT NULL,
      from_rel TEXT NOT NULL,
      to_rel TEXT NOT NULL,
      companion INTEGER NOT NULL DEFAULT 0,
      trash INTEGER NOT NULL DEFAULT 0,
      temporary INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('planned', 'moved', 'committed', 'failed')),
      reason TEXT,
      file_id INTEGER,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (batch_id, seq)
    );
    CREATE INDEX rename_entries_state ON rename_entries (batch_id, state, seq);
  `);
}
