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

  constructor(
    private readonly pouch: PouchFactory,
    private readonly pouchDir: string,
    catalog: PouchDB.Database,
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
      served = this.served(name, 'user', new this.pouch(name));
      this.open.set(name, served);
    }
    return served;
  }

  async close(): Promise<void> {
    for (const served of this.open.values()) served.waiters.close();
    const users = [...this.open.values()].filter((s) => s.kind === 'user');
    this.open.clear();
    await Promise.all(users.map((s) => s.db.close()));
  }

  private served(name: string, kind: ServedDatabase['kind'], db: PouchDB.Database): ServedDatabase {
    // Every changes() call in flight listens for the database's 'destroyed'
    // until it completes: as many listeners as concurrent requests, each
    // removed when its request ends, which is no leak for Node to warn about.
    (db as unknown as { setMaxListeners(n: number): void }).setMaxListeners(0);
    return { name, kind, db, dir: join(this.pouchDir, name), waiters: new ChangeWaiters(db) };
  }
}
