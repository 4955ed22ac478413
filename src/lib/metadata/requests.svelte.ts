import {
  readRequestDoc,
  REQUEST_PREFIX,
  requestDoc,
  type RequestBody,
  type RequestDoc,
} from '#core/schema/request-doc';
import {
  readRequestOutcomeDoc,
  REQUEST_OUTCOME_PREFIX,
  requestOutcomeDocId,
  type RequestOutcomeDoc,
} from '#core/schema/request-outcome-doc';
import { session } from '$lib/auth/session.svelte';
import { currentUserDb } from '$lib/db/data-flow';
import { thisDevice } from '$lib/reading/this-device.svelte';
import { userSync, type Refusal } from '$lib/sync/user-sync.svelte';

const RANGE = { startkey: REQUEST_PREFIX, endkey: `${REQUEST_PREFIX}\ufff0` };
const OUTCOMES = { startkey: REQUEST_OUTCOME_PREFIX, endkey: `${REQUEST_OUTCOME_PREFIX}\ufff0` };
/** How long after a change the requests are read again: a replication batch brings many at once. */
const RELOAD_AFTER_MS = 50;

function randomPart(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

export type RequestState = 'held' | 'waiting' | Refusal;

/**
 * The signed-in admin's requests of the agent (a cover, a series change, a
 * lookup), from their own database: each a new document written to the
 * local replica — online or not, one path — and replicated to the agent,
 * which checks it and carries it out once. Pages show what was asked at once
 * and where it stands: waiting to go, taken, or refused with why — also
 * when the agent took it but could not carry it out (it says so in a
 * request-outcome:… document it writes back).
 */
class Requests {
  list = $state<RequestDoc[]>([]);
  /** What the agent wrote back about requests it took but could not carry out, by their id. */
  failed = $state<Record<string, RequestOutcomeDoc>>({});
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
    this.failed = {};
    void this.reload(db);
    this.feed = db
      .changes({
        live: true,
        since: 'now',
        filter: (doc: { _id: string }) =>
          doc._id.startsWith(REQUEST_PREFIX) || doc._id.startsWith(REQUEST_OUTCOME_PREFIX),
      })
      .on('change', () => {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reload(db), RELOAD_AFTER_MS);
      });
  }

  /** Where a request stands: on the agent, waiting to go, or refused (or failed when carried out) with why. */
  stateOf(request: RequestDoc): RequestState {
    if (!session.user) return 'held';
    const failed = this.failed[requestOutcomeDocId(request._id)];
    if (failed) return { reason: failed.reason };
    return userSync.stateOf(request._id, request._rev);
  }

  /** The requests not yet on the agent, oldest first, that match. */
  waiting<T extends RequestDoc>(match: (request: RequestDoc) => request is T): T[] {
    return this.list.filter(match).filter((r) => this.stateOf(r) === 'waiting');
  }

  /** The newest request that matches, if the agent refused it: what it was and why. */
  refused(
    match: (request: RequestDoc) => boolean,
  ): { request: RequestDoc; reason: string } | undefined {
    const latest = this.list.filter(match).at(-1);
    const state = latest && this.stateOf(latest);
    return latest && typeof state === 'object'
      ? { request: latest, reason: state.reason }
      : undefined;
  }

  /** Asks the agent: written here at once, carried out when the agent has it. */
  async ask(body: RequestBody): Promise<RequestDoc> {
    const db = currentUserDb();
    const doc = requestDoc(body, {
      at: new Date(),
      device: thisDevice.id,
      deviceName: thisDevice.name,
      random: randomPart(),
    });
    const { rev } = await db.put(doc);
    const written = { ...doc, _rev: rev };
    // Shown at once, before the changes feed reads it back.
    if (db === this.db) this.list = [...this.list.filter((r) => r._id !== doc._id), written];
    return written;
  }

  private async reload(db: PouchDB.Database): Promise<void> {
    try {
      const all = await db.allDocs({ ...RANGE, include_docs: true });
      const list = all.rows.flatMap((row) => readRequestDoc(row.doc) ?? []);
      const told = await db.allDocs({ ...OUTCOMES, include_docs: true });
      const failed = Object.fromEntries(
        told.rows.flatMap((row) => {
          const doc = readRequestOutcomeDoc(row.doc);
          return doc ? [[doc._id, doc] as const] : [];
        }),
      );
      if (db !== this.db) return;
      this.list = list;
      this.failed = failed;
    } catch {
      // The replica could not be read: the marks stay as they were.
    }
  }
}

export const requests = new Requests();
