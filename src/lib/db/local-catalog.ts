import PouchDB from 'pouchdb-browser';

/**
 * The browser's replica of the catalog (IndexedDB). It is the browser's copy
 * of the facts; the UI never reads it directly but through the Dexie read
 * model the bridge keeps from it.
 */
export function openLocalCatalog(): PouchDB.Database {
  return new PouchDB('colophon-catalog');
}

/** The agent's catalog, on the origin that served this app. */
export function remoteCatalogUrl(): string {
  return new URL('/db/catalog', location.origin).href;
}
