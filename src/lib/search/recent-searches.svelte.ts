import {
  readRecentSearchDoc,
  recentSearchDoc,
  RECENT_SEARCHES_KEPT,
  type RecentSearchDoc,
} from '#core/schema/recent-search-doc';
import { prunable, recentOrder, type RecentSearch } from '#core/search/recent-searches';
import { currentUserDb } from '$lib/db/data-flow';
import { thisDevice } from '$lib/reading/this-device.svelte';
import { removeAll, upsert } from './user-docs';

const RANGE = { startkey: 'search:', endkey: 'search:\ufff0' };

/**
 * The signed-in user's recent searches, from their own database (so they
 * work offline, survive reloads and replicate to their other devices):
 * remembered when a search is run, pruned to the latest RECENT_SEARCHES_KEPT,
 * cleared on request.
 */
class RecentSearches {
  list = $state<RecentSearch[]>([]);
  private db?: PouchDB.Database;
  private feed?: PouchDB.Core.Changes<object>;

  /** Follows the database of whoever is signed in now; call again when that changes. */
  follow(): void {
    const db = currentUserDb();
    if (db === this.db) return;
    this.feed?.cancel();
    this.db = db;
    this.list = [];
    void this.reload(db);
    this.feed = db
      .changes({
        live: true,
        since: 'now',
        filter: (doc: { _id: string }) => doc._id.startsWith('search:'),
      })
      .on('change', () => void this.reload(db));
  }

  /** Remembers a search just run (again: it moves to the top). */
  async remember(text: string): Promise<void> {
    const db = currentUserDb();
    const doc = recentSearchDoc(text, thisDevice.id, new Date());
    if (!doc) return;
    await upsert(db, doc);
    const kept = await this.read(db);
    const old = new Set(prunable(kept, RECENT_SEARCHES_KEPT));
    if (old.size) await removeAll(db, [...old]);
    if (db === this.db) this.list = kept.filter((r) => !old.has(r.id));
  }

  /** Forgets every recent search, on all the user's devices once they sync. */
  async clear(): Promise<void> {
    const db = currentUserDb();
    const all = await db.allDocs(RANGE);
    await removeAll(
      db,
      all.rows.map((row) => row.id),
    );
    if (db === this.db) this.list = [];
  }

  private async read(db: PouchDB.Database): Promise<RecentSearch[]> {
    const all = await db.allDocs({ ...RANGE, include_docs: true });
    return recentOrder(
      all.rows
        .map((row) => readRecentSearchDoc(row.doc))
        .filter((doc): doc is RecentSearchDoc => doc !== undefined),
    );
  }

  private async reload(db: PouchDB.Database): Promise<void> {
    try {
      const list = await this.read(db);
      if (db === this.db) this.list = list;
    } catch (error) {
      console.error('[colophon] Recent searches could not be read:', error);
    }
  }
}

export const recentSearches = new RecentSearches();
