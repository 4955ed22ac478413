import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';

/** The PouchDB constructor bound to this data dir: every database lives in `<data>/pouch/`. */
export type PouchFactory = ReturnType<typeof PouchDB.defaults>;

/** Where the PouchDB databases live: one LevelDB folder each, named after the database. */
export function pouchDir(dataDir: string): string {
  return join(dataDir, 'pouch');
}

export function pouchFor(dataDir: string): PouchFactory {
  const dir = pouchDir(dataDir);
  mkdirSync(dir, { recursive: true });
  return PouchDB.defaults({ prefix: dir + '/' });
}

/** The catalog every replica syncs: book, folder and schema documents. */
export const CATALOG_DB = 'catalog';
