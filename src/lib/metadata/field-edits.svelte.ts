import { fieldOutcome, resolveFieldEdits, type FieldOutcome } from '#core/edits/field-edit-resolve';
import {
  FIELD_EDIT_PREFIX,
  fieldEditDoc,
  readFieldEditDoc,
  type FieldEditDoc,
} from '#core/schema/field-edit-doc';
import type { MetadataField } from '#core/metadata/types';
import { session } from '$lib/auth/session.svelte';
import { currentUserDb } from '$lib/db/data-flow';
import { thisDevice } from '$lib/reading/this-device.svelte';
import { userSync, type Refusal } from '$lib/sync/user-sync.svelte';

const RANGE = { startkey: FIELD_EDIT_PREFIX, endkey: `${FIELD_EDIT_PREFIX}\ufff0` };
/** How long after a change the edits are read again: a replication batch brings many at once. */
const RELOAD_AFTER_MS = 50;

function randomPart(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export type EditSyncState = 'held' | 'waiting' | Refusal;

/**
 * The signed-in admin's metadata edits, from their own database: each edit
 * is a new document written to the local replica at once (so it is made
 * offline, survives a reload, and shows at once) and replicated to the agent,
 * which checks and applies it. Every device settles the edits of one field
 * the same way (resolveFieldEdits); edits the agent refused count for
 * nothing here, as they never reached anyone else.
 */
class FieldEdits {
  list = $state<FieldEditDoc[]>([]);
  loaded = $state(false);
  private db?: PouchDB.Database;
  private feed?: PouchDB.Core.Changes<object>;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  /** Follows the database of whoever is signed in now; call again when that changes. */
  follow(): void {
    const db = currentUserDb();
    if (db === this.db) return;
    this.feed?.cancel();
    this.db = db;
    this.list = [];
    this.loaded = false;
    void this.reload(db);
    this.feed = db
      .changes({
        live: true,
        since: 'now',
        filter: (doc: { _id: string }) => doc._id.startsWith(FIELD_EDIT_PREFIX),
      })
      .on('change', () => {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reload(db), RELOAD_AFTER_MS);
      });
  }

  /** Where an edit stands: on the agent, waiting to go, or refused with why. */
  syncState(edit: FieldEditDoc): EditSyncState {
    if (!session.user) return 'held';
    return userSync.stateOf(edit._id, edit._rev);
  }

  private refused(edit: FieldEditDoc): boolean {
    return typeof this.syncState(edit) === 'object';
  }

  /** The edits that count: all but those the agent refused. */
  private get standing(): FieldEditDoc[] {
    return this.list.filter((edit) => !this.refused(edit));
  }

  /** Every field of this book that has edits, settled. */
  outcomes(book: string): Map<MetadataField, FieldOutcome<FieldEditDoc>> {
    const mine = this.standing.filter((edit) => edit.book === book);
    return new Map([...resolveFieldEdits(mine).values()].map((o) => [o.field, o]));
  }

  /** The newest edit of this field the agent refused, when no later edit of it stands. */
  refusal(book: string, field: MetadataField): { edit: FieldEditDoc; reason: string } | undefined {
    const mine = this.list.filter((edit) => edit.book === book && edit.field === field);
    const latest = mine.reduce<FieldEditDoc | undefined>(
      (a, b) => (!a || b.at > a.at ? b : a),
      undefined,
    );
    const state = latest && this.syncState(latest);
    return latest && typeof state === 'object' ? { edit: latest, reason: state.reason } : undefined;
  }

  /**
   * Sets a field (a value) or clears it (undefined): a new document naming
   * the edits of the field this device holds as current, so a pick between
   * two devices' values settles the conflict everywhere.
   */
  async write(book: string, field: MetadataField, value: unknown): Promise<FieldEditDoc> {
    const db = currentUserDb();
    const current = fieldOutcome(this.standing, book, field);
    const doc = fieldEditDoc({
      book,
      field,
      value,
      at: new Date(),
      device: thisDevice.id,
      deviceName: thisDevice.name,
      random: randomPart(),
      replaces: current?.heads.map((head) => head._id) ?? [],
    });
    const { rev } = await db.put(doc);
    const written = { ...doc, _rev: rev };
    // Shown at once, before the changes feed reads it back.
    if (db === this.db) this.list = [...this.list.filter((e) => e._id !== doc._id), written];
    return written;
  }

  private async reload(db: PouchDB.Database): Promise<void> {
    try {
      const all = await db.allDocs({ ...RANGE, include_docs: true });
      const list = all.rows.flatMap((row) => readFieldEditDoc(row.doc) ?? []);
      if (db === this.db) {
        this.list = list;
        this.loaded = true;
      }
    } catch {
      if (db === this.db) this.loaded = true;
    }
  }
}

export const fieldEdits = new FieldEdits();
