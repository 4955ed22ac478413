import type { Db } from '../sqlite';

/**
 * A job paused because a disk is full stays 'queued' (it is to run again, and
 * counts as queued for "one queued job per key"), with the reason it waits
 * (`paused`, not claimed while set) and since when. A pause is not an attempt:
 * `pauses` counts them, so a report of a resumed run is seen to be newer than
 * the pause's (see src/lib/sync/job-order.ts).
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE jobs ADD COLUMN paused TEXT CHECK (paused IN ('disk-full'));
    ALTER TABLE jobs ADD COLUMN paused_at INTEGER;
    ALTER TABLE jobs ADD COLUMN pauses INTEGER NOT NULL DEFAULT 0;
  `);
}
