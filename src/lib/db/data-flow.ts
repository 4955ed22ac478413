import { session } from '$lib/auth/session.svelte';
import { booksChanged } from '$lib/queries/query-worker';
import { startReplication, syncStatus } from '$lib/sync/replication.svelte';
import { Bridge } from './bridge';
import { openLocalCatalog, remoteCatalogUrl } from './local-catalog';
import { ReadModel } from './read-model';

/** The read model every page queries. */
export const readModel = new ReadModel();

let local: PouchDB.Database | undefined;
let stopReplication: (() => void) | undefined;

/**
 * Starts the browser's data flow once: (replication) → local PouchDB →
 * (bridge) → Dexie read model → pages. The replica and the read model are
 * both in IndexedDB, so the catalog works with the agent gone.
 */
export async function startDataFlow(): Promise<void> {
  if (local) return;
  local = openLocalCatalog();
  await new Bridge(local, readModel, booksChanged, () => {
    syncStatus.newerAgent = true;
  }).start();
}

/** Replicates from the agent while someone is signed in; stops when they are not. */
export function syncWithAgent(signedIn: boolean): void {
  if (!local) return;
  if (signedIn && !stopReplication) {
    stopReplication = startReplication(local, remoteCatalogUrl(), () => session.lost());
  } else if (!signedIn && stopReplication) {
    stopReplication();
    stopReplication = undefined;
  }
}
