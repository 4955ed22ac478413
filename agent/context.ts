import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BookDetailsStore } from './catalog/book-details-store';
import { CatalogStore } from './catalog/catalog-store';
import { CATALOG_DB, pouchFor, type PouchFactory } from './catalog/pouch';
import { lockDataDir, storeInUseError } from './data-dir-lock';
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

/**
 * Opens a data dir for one agent: a second agent on it (in this process or
 * another) is refused before anything is read or migrated, and a damaged
 * database is a StartupError saying what to do.
 */
export async function openContext(dataDir: string): Promise<AgentContext> {
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  let db: Db | undefined;
  let catalogDb: PouchDB.Database | undefined;
  try {
    db = openDatabase(join(dataDir, 'colophon.sqlite'));
    let library = getSetting(db, 'library_id');
    if (!library) {
      library = newId(10);
      setSetting(db, 'library_id', library);
    }
    const pouch = pouchFor(dataDir);
    catalogDb = new pouch(CATALOG_DB);
    const details = new BookDetailsStore(db);
    const catalog = new CatalogStore(catalogDb, library, () => new pouch(CATALOG_DB), details);
    await catalog.ensureSchema().catch((error: unknown) => {
      throw storeInUseError(dataDir, error) ?? error;
    });
    return {
      dataDir,
      db,
      pouch,
      catalog,
      library,
      async close() {
        try {
          await catalog.db.close();
          db?.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    await catalogDb?.close().catch(() => undefined);
    db?.close();
    lock.release();
    throw error;
  }
}
