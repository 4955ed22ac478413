import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogStore } from './catalog/catalog-store';
import { CATALOG_DB, pouchFor, type PouchFactory } from './catalog/pouch';
import { getSetting, setSetting } from './db/settings';
import { openDatabase, type Db } from './db/sqlite';
import { newId } from './ids';

/** Everything a command needs from the data dir, opened (and migrated) once. */
export interface AgentContext {
  dataDir: string;
  db: Db;
  pouch: PouchFactory;
  catalog: CatalogStore;
  /** This agent's library id: the namespace of its document ids. */
  library: string;
  close(): Promise<void>;
}

export async function openContext(dataDir: string): Promise<AgentContext> {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'colophon.sqlite'));
  let library = getSetting(db, 'library_id');
  if (!library) {
    library = newId(10);
    setSetting(db, 'library_id', library);
  }
  const pouch = pouchFor(dataDir);
  const catalogDb = new pouch(CATALOG_DB);
  const catalog = new CatalogStore(catalogDb, library);
  await catalog.ensureSchema();
  return {
    dataDir,
    db,
    pouch,
    catalog,
    library,
    async close() {
      await catalogDb.close();
      db.close();
    },
  };
}
