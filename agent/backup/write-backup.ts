import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import PouchDB from 'pouchdb';
import type { BackupManifest } from '#core/api/library-care';
import type { WorkProgress } from '#core/progress';
import { SCHEMA_VERSION } from '#core/schema/version';
import type { Agent } from '../agent';
import { CATALOG_DB, pouchDir } from '../catalog/pouch';
import { coverFiles } from '../doctor/cover-files';
import { libraryLock } from '../rename/library-lock';
import { checkBackupTarget, COPIED_FOLDERS, MANIFEST } from './backup-files';

type Deps = Pick<Agent, 'ctx' | 'databases' | 'covers'>;

const USER_DB = /^user-(.+)$/;

/** The open handle of one of the agent's PouchDB stores (opened for the copy if nothing holds it). */
function sourceOf(agent: Deps, name: string): { db: PouchDB.Database; close: boolean } {
  if (name === CATALOG_DB) return { db: agent.ctx.catalog.db, close: false };
  const user = USER_DB.exec(name)?.[1];
  if (user) return { db: agent.databases.user(user).db, close: false };
  return { db: new agent.ctx.pouch(name), close: true };
}

/**
 * Browsers' checkpoints on the catalog count its sequence numbers, which a
 * replicated copy numbers anew: the copy keeps none, so each browser compares
 * from the start once (fast: it has the documents) rather than skip changes.
 */
function forgetCatalogCheckpoints(file: string): void {
  const copy = new Database(file);
  try {
    copy.prepare('DELETE FROM catalog_checkpoints').run();
  } finally {
    copy.close();
  }
}

/**
 * Writes a consistent copy of the data dir into `folder` while the agent
 * runs: SQLite by its online backup, each PouchDB store by replicating it
 * into a fresh store (every revision and attachment; browsers' replication
 * checkpoints are not copied, so devices compare once after a restore),
 * then the made covers and the certificates. It holds the library lock, so
 * no scan, rename or tidy-up changes the catalog meanwhile. manifest.json is
 * written last: a folder without it is a backup cut short.
 */
export async function writeBackup(
  agent: Deps,
  folder: string,
  progress: (progress: WorkProgress) => void = () => {},
): Promise<BackupManifest> {
  const { ctx } = agent;
  const target = checkBackupTarget(ctx.dataDir, folder);
  const lock = libraryLock(ctx);
  if (lock.holder)
    progress({ phase: 'waiting', done: 0, message: `Waiting for the ${lock.holder} to finish…` });
  const release = await lock.acquire('backup');
  try {
    mkdirSync(join(target, 'pouch'), { recursive: true });
    progress({ phase: 'database', done: 0, message: 'Copying the database…' });
    await ctx.db.backup(join(target, 'colophon.sqlite'));
    forgetCatalogCheckpoints(join(target, 'colophon.sqlite'));
    const names = readdirSync(pouchDir(ctx.dataDir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const Copy = PouchDB.defaults({ prefix: join(target, 'pouch') + '/' });
    for (const [i, name] of names.entries()) {
      progress({
        phase: 'catalogs',
        done: i,
        total: names.length,
        current: name,
        message: 'Copying the catalog and each reader’s shelves…',
      });
      const source = sourceOf(agent, name);
      const copy = new Copy(name);
      try {
        await source.db.replicate.to(copy, { batch_size: 250 });
      } finally {
        await copy.close();
        if (source.close) await source.db.close();
      }
    }
    progress({ phase: 'covers', done: 0, message: 'Copying the covers and certificates…' });
    for (const name of COPIED_FOLDERS) {
      const from = join(ctx.dataDir, name);
      // A thumbnail half-written is under a temporary name: not copied.
      if (existsSync(from))
        cpSync(from, join(target, name), {
          recursive: true,
          filter: (src) => !src.endsWith('.tmp'),
        });
    }
    const count = (sql: string) => ctx.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
    const manifest: BackupManifest = {
      format: 'colophon-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      library: ctx.library,
      schemaVersion: SCHEMA_VERSION,
      counts: {
        books: count("SELECT count(*) AS n FROM files WHERE status != 'missing'"),
        users: count('SELECT count(*) AS n FROM users'),
        databases: names.length,
        covers: (await coverFiles(agent.covers.dir)).length,
      },
    };
    writeFileSync(join(target, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } finally {
    release();
  }
}
