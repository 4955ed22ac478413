import Database from 'better-sqlite3';
import { damagedDatabaseError } from './damaged-database';
import { MIGRATIONS } from './migrations/index';

export type Db = Database.Database;

/**
 * Opens the agent's SQLite file and brings its schema up to date before
 * anything else reads it. Each migration runs in its own transaction. A
 * damaged file is a StartupError saying what to do: SQLite notices a file
 * that is not a database at the first pragma, and damage to the schema or the
 * tables migrations touch while migrating. (PRAGMA quick_check would find
 * damage anywhere, but reads the whole file: about 4 ms per MB on every start.)
 */
export function openDatabase(file: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    try {
      db?.close();
    } catch {
      // The error that stopped the open is the one to report.
    }
    throw damagedDatabaseError(file, error) ?? error;
  }
}

export function migrate(db: Db): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM migrations')
      .all()
      .map((r) => r.name),
  );
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO migrations (name, applied_at) VALUES (?, ?)').run(m.name, Date.now());
    })();
  }
}
