import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_DB, type PouchFactory } from '../catalog/pouch';
import { ChangeWaiters } from './change-waiters';

/** Each user's private database (reading status and progress, shelves), replicated only to them. */
export function userDbName(userId: string): string {
  return `user-${userId}`;
}

/** A database /db serves: the shared catalog, or one user's own. */
export interface ServedDatabase {
  name: string;
  kind: 'catalog' | 'user';
  db: PouchDB.Database;
  /** Its LevelDB folder, measured for the user's quota. */
  dir: string;
  waiters: ChangeWaiters;
}

/**
 * The databases clients reach through /db, opened once and kept open (a
 * PouchDB per request would reopen LevelDB each time), and closed with the agent.
 */
export class ServedDatabases {
  private readonly open = new Map<string, ServedDatabase>();

  /** `catalog` gives the catalog's current handle (the agent reopens it after a full disk). */
  constructor(
    private readonly pouch: PouchFactory,
    private readonly pouchDir: string,
    catalog: () => PouchDB.Database,
  ) {
    this.open.set(CATALOG_DB, this.served(CATALOG_DB, 'catalog', catalog));
  }

  catalog(): ServedDatabase {
    return this.open.get(CATALOG_DB) as ServedDatabase;
  }

  /** Whether the user's database was ever written (PouchDB creates it on first open). */
  userExists(userId: string): boolean {
    return this.open.has(userDbName(userId)) || existsSync(join(this.pouchDir, userDbName(userId)));
  }

  user(userId: string): ServedDatabase {
    const name = userDbName(userId);
    let served = this.open.get(name);
    if (!served) {
      const db = new this.pouch(name);
      served = this.served(name, 'user', () => db);
      this.open.set(name, served);
    }
    return served;
  }

  /**
   * After a write met a full disk: the user's store is closed, to be opened
   * again by the next request (LevelDB would lose what it accepts next; see
   * CatalogStore).
   */
  async reopenUser(userId: string): Promise<void> {
    const served = this.open.get(userDbName(userId));
    if (!served || served.kind !== 'user') return;
    this.open.delete(served.name);
    served.waiters.close();
    await served.db.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const served of this.open.values()) served.waiters.close();
    const users = [...this.open.values()].filter((s) => s.kind === 'user');
    this.open.clear();
    await Promise.all(users.map((s) => s.db.close()));
  }

  private served(
    name: string,
    kind: ServedDatabase['kind'],
    handle: () => PouchDB.Database,
  ): ServedDatabase {
    const current = () => withUnlimitedListeners(handle());
    return {
      name,
      kind,
      get db() {
        return current();
      },
      dir: join(this.pouchDir, name),
      waiters: new ChangeWaiters(current),
    };
  }
}

const unlimited = new WeakSet<PouchDB.Database>();

/**
 * Every changes() call in flight listens for the database's 'destroyed' until
 * it completes: as many listeners as concurrent requests, each removed when
 * its request ends, which is no leak for Node to warn about.
 */
function withUnlimitedListeners(db: PouchDB.Database): PouchDB.Database {
  if (!unlimited.has(db)) {
    (db as unknown as { setMaxListeners(n: number): void }).setMaxListeners(0);
    unlimited.add(db);
  }
  return db;
}
