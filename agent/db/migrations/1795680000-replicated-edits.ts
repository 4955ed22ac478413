import type { Db } from '../sqlite';

/**
 * Metadata edits that came as replicated documents (see ReplicatedEdits):
 * `device` names the device that made the change, `edit_id` the document
 * (so an edit is applied once, however often it is replicated), and `lost`
 * marks an edit made apart on another device that a later one beat: kept in
 * the history, never in force.
 */
export function up(db: Db): void {
  db.exec(`
    ALTER TABLE metadata_edits ADD COLUMN device TEXT;
    ALTER TABLE metadata_edits ADD COLUMN edit_id TEXT;
    ALTER TABLE metadata_edits ADD COLUMN lost INTEGER NOT NULL DEFAULT 0;
    CREATE UNIQUE INDEX metadata_edits_edit_id ON metadata_edits (edit_id) WHERE edit_id IS NOT NULL;
  `);
}
