import {
  manualShelfDoc,
  readShelfDoc,
  SHELF_PREFIX,
  shelfDocId,
  smartShelfDoc,
  type ManualShelfDoc,
  type ShelfDoc,
} from '#core/schema/shelf-doc';
import {
  shelfOrder,
  withBook,
  withBookMoved,
  withDetails,
  withoutBook,
} from '#core/shelves/shelf-edits';
import { csrfHeader } from '$lib/auth/api';
import { session } from '$lib/auth/session.svelte';
import { currentUserDb } from '$lib/db/data-flow';
import { remoteUserDbUrl } from '$lib/db/user-db';
import { thisDevice } from '$lib/reading/this-device.svelte';
import { userSync } from '$lib/sync/user-sync.svelte';

/** How long after a change the list is read again: a replication batch brings 100 at once. */
const RELOAD_AFTER_MS = 50;

const RANGE = { startkey: SHELF_PREFIX, endkey: `${SHELF_PREFIX}\ufff0` };

/** A new shelf's key: random (two devices apart never pick the same), letters and digits. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

const stamp = () => ({ device: thisDevice.id, at: new Date() });

/**
 * The signed-in user's shelves, from their own database (so they are made
 * and changed offline, survive reloads and replicate to their other
 * devices and their e-readers' OPDS feeds). Each change is written at once
 * to the local replica; replication takes it to the agent when it can.
 */
class Shelves {
  list = $state<ShelfDoc[]>([]);
  /** The first read of the database is done (so an empty list means no shelves). */
  loaded = $state(false);
  private db?: PouchDB.Database;
  private feed?: PouchDB.Core.Changes<object>;
  private checking = false;
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
        filter: (doc: { _id: string }) => doc._id.startsWith(SHELF_PREFIX),
      })
      .on('change', () => this.reloadSoon(db));
  }

  /** Reads the shelves again once a burst of changes (a replication batch) has passed. */
  private reloadSoon(db: PouchDB.Database): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(db), RELOAD_AFTER_MS);
  }

  byKey(key: string): ShelfDoc | undefined {
    return this.list.find((shelf) => shelf._id === shelfDocId(key));
  }

  /** The manual shelves this book is on. */
  holding(book: string): ManualShelfDoc[] {
    return this.list.filter(
      (s): s is ManualShelfDoc => s.kind === 'manual' && s.books.includes(book),
    );
  }

  /**
   * Where a shelf's last change stands: on the agent ('held'), not there yet
   * ('waiting'), or refused with why. Without a signed-in user nothing syncs,
   * so nothing waits.
   */
  syncState(shelf: ShelfDoc) {
    if (!session.user) return 'held' as const;
    return userSync.stateOf(shelf._id, shelf._rev);
  }

  async createManual(name: string, books: readonly string[] = [], description?: string) {
    const doc = manualShelfDoc(
      { key: newKey(), name, device: thisDevice.id, at: new Date(), description },
      books,
    );
    await currentUserDb().put(doc);
    return doc;
  }

  async createSmart(name: string, query: string, description?: string) {
    const doc = smartShelfDoc(
      { key: newKey(), name, device: thisDevice.id, at: new Date(), description },
      query,
    );
    await currentUserDb().put(doc);
    return doc;
  }

  rename(
    id: string,
    details: { name: string; description?: string; query?: string },
  ): Promise<void> {
    return this.change(id, (doc) => withDetails(doc, details, stamp()));
  }

  addBook(id: string, book: string): Promise<void> {
    return this.changeManual(id, (doc) => withBook(doc, book, stamp()));
  }

  removeBook(id: string, book: string): Promise<void> {
    return this.changeManual(id, (doc) => withoutBook(doc, book, stamp()));
  }

  moveBook(id: string, book: string, by: number): Promise<void> {
    return this.changeManual(id, (doc) => withBookMoved(doc, book, by, stamp()));
  }

  /** Deletes a shelf, every revision of it (a conflicting one would otherwise come back). */
  async remove(id: string): Promise<void> {
    const db = currentUserDb();
    const doc = await db.get(id, { conflicts: true });
    const revs = [doc._rev, ...(doc._conflicts ?? [])];
    await db.bulkDocs(revs.map((rev) => ({ _id: id, _rev: rev, _deleted: true })));
  }

  /**
   * Asks the agent which of the shelves waiting to sync it already holds
   * (written by another tab, or before this page was open): _revs_diff
   * names the revisions it lacks. Unreachable, they stay waiting.
   */
  async confirm(): Promise<void> {
    const user = session.user;
    const waiting = this.list.filter((s) => this.syncState(s) === 'waiting' && s._rev);
    if (!user || waiting.length === 0 || this.checking) return;
    this.checking = true;
    try {
      const response = await fetch(`${remoteUserDbUrl(user.id)}/_revs_diff`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...csrfHeader() },
        body: JSON.stringify(Object.fromEntries(waiting.map((s) => [s._id, [s._rev]]))),
      });
      if (!response.ok) return;
      const missing = (await response.json()) as Record<string, unknown>;
      userSync.hold(waiting.filter((s) => !(s._id in missing)));
    } catch {
      // The agent is out of reach: they wait.
    } finally {
      this.checking = false;
    }
  }

  private changeManual(id: string, edit: (doc: ManualShelfDoc) => ManualShelfDoc) {
    return this.change(id, (doc) => {
      if (doc.kind !== 'manual')
        throw new Error('A smart shelf holds what its search finds: change its search instead.');
      return edit(doc);
    });
  }

  /** Writes an edit of the latest revision (another tab may have written one since). */
  private async change(id: string, edit: (doc: ShelfDoc) => ShelfDoc): Promise<void> {
    const db = currentUserDb();
    for (let attempt = 0; ; attempt++) {
      const raw = await db.get(id);
      const doc = readShelfDoc(raw);
      if (!doc) throw new Error('This shelf was written by a newer Colophon: reload to change it.');
      const next = edit(doc);
      if (next === doc) return;
      try {
        await db.put(next);
        return;
      } catch (error) {
        if ((error as { status?: number }).status !== 409 || attempt >= 2) throw error;
      }
    }
  }

  private async reload(db: PouchDB.Database): Promise<void> {
    try {
      const all = await db.allDocs({ ...RANGE, include_docs: true });
      const list = all.rows.flatMap((row) => readShelfDoc(row.doc) ?? []).sort(shelfOrder);
      if (db === this.db) {
        this.list = list;
        this.loaded = true;
      }
    } catch (error) {
      console.error('[colophon] Shelves could not be read:', error);
    }
  }
}

export const shelves = new Shelves();

/**
 * For a component that shows shelves: follows the signed-in user's
 * database, and asks the agent which waiting changes it holds each time the
 * replication catches up (or the shelves change). Call while a component
 * initialises.
 */
export function followShelves(): void {
  $effect(() => {
    void session.user?.id;
    shelves.follow();
  });
  $effect(() => {
    void userSync.caughtUp;
    void shelves.list;
    void shelves.confirm();
  });
}
