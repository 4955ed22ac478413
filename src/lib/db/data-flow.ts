import { session } from '$lib/auth/session.svelte';
import { booksChanged, readingChanged } from '$lib/queries/query-worker';
import { readingStates } from '$lib/reading/reading-states.svelte';
import { startReplication, startUserSync, syncStatus } from '$lib/sync/replication.svelte';
import { Bridge } from './bridge';
import { openLocalCatalog, remoteCatalogUrl } from './local-catalog';
import { ReadingBridge, type ReadingChange } from './reading-bridge';
import { ReadingModel } from './reading-model';
import { ReadModel } from './read-model';
import { openUserDb, remoteUserDbUrl, userDbName } from './user-db';

/** The read model every page queries. */
export const readModel = new ReadModel();
/** The signed-in user's reading, derived from their own database. */
export const readingModel = new ReadingModel();

let local: PouchDB.Database | undefined;
let stopReplication: (() => void) | undefined;

/** The user database open now: whose, its bridge to the reading model, its replication. */
interface UserFlow {
  userId: string | undefined;
  db: PouchDB.Database;
  bridge: ReadingBridge;
  stopSync?: () => void;
}
let user: UserFlow | undefined;

function onReadingChanged(change: ReadingChange): void {
  void readingStates.apply(readingModel, change, readModel);
  readingChanged(change);
}

function onBooksChanged(ids: string[]): void {
  booksChanged(ids);
  // A book the user read may have become another format of one (or stopped being one).
  void readingStates.booksChanged(readModel, ids);
}

/**
 * The database of this user (of this device alone when no one is signed
 * in), opened with its bridge the first time it is asked for; another
 * user's, open before, is closed.
 */
function userFlow(userId: string | undefined): UserFlow {
  if (user && user.userId === userId) return user;
  if (user) {
    user.stopSync?.();
    user.bridge.stop();
    void user.db.close().catch(() => undefined);
  }
  const db = openUserDb(userId);
  const bridge = new ReadingBridge(db, readingModel, userDbName(userId), onReadingChanged);
  user = { userId, db, bridge };
  bridge.start().catch((error: unknown) => {
    console.error('[colophon] The reading model could not be brought up to date:', error);
  });
  return user;
}

/** The user database reading positions and statuses are written to now. */
export function currentUserDb(): PouchDB.Database {
  return userFlow(session.user?.id).db;
}

/**
 * Starts the browser's data flow once: (replication) → local PouchDB →
 * (bridge) → Dexie read model → pages; and the same for the user's own
 * database into the reading model. Replicas and models are all in
 * IndexedDB, so the catalog and the user's reading work with the agent gone.
 */
export async function startDataFlow(): Promise<void> {
  if (local) return;
  local = openLocalCatalog();
  userFlow(session.user?.id);
  await new Bridge(local, readModel, onBooksChanged, () => {
    syncStatus.newerAgent = true;
  }).start();
}

/**
 * Replicates with the agent while someone is signed in (the catalog from it,
 * their own database both ways); stops when they are not. Follows who is
 * signed in: another user's database replaces the last one's.
 */
export function syncWithAgent(signedIn: boolean): void {
  if (!local) return;
  if (signedIn && !stopReplication) {
    stopReplication = startReplication(local, remoteCatalogUrl(), () => session.lost());
  } else if (!signedIn && stopReplication) {
    stopReplication();
    stopReplication = undefined;
  }
  const userId = session.user?.id;
  const flow = userFlow(userId);
  if (signedIn && userId !== undefined && !flow.stopSync) {
    flow.stopSync = startUserSync(flow.db, remoteUserDbUrl(userId), () => session.lost());
  } else if (!signedIn && flow.stopSync) {
    flow.stopSync();
    flow.stopSync = undefined;
  }
}
