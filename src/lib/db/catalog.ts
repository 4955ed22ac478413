import { startReplication } from '$lib/sync/replication.svelte';
import { booksChanged } from '$lib/search/search-client';
import { Bridge } from './bridge';
import { openLocalCatalog, remoteCatalogUrl } from './local-catalog';
import { ReadModel } from './read-model';

/** The read model every page queries. */
export const readModel = new ReadModel();

let started = false;

/**
 * Starts the browser's data flow once: agent → (replication) → local PouchDB
 * → (bridge) → Dexie read model → pages. Works with the agent gone: the
 * replica and the read model are both in IndexedDB.
 */
export async function startCatalog(): Promise<void> {
  if (started) return;
  started = true;
  const local = openLocalCatalog();
  await new Bridge(local, readModel, booksChanged).start();
  startReplication(local, remoteCatalogUrl());
}
