import { cpSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BackupManifest } from '#core/api/library-care';
import { canRead, SCHEMA_VERSION } from '#core/schema/version';
import { lockDataDir } from '../data-dir-lock';
import { StartupError } from '../startup-error';
import { BackupError, MANIFEST, readManifest } from './backup-files';

export interface Restored {
  manifest: BackupManifest;
  /** Where the data dir as it was is kept; none when there was nothing to keep. */
  keptAt?: string;
}

const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

/**
 * Puts a backup in place of the data dir: refused while an agent uses it, or
 * when the folder is not a backup (or one a newer Colophon wrote). The data
 * dir as it was is renamed aside, never deleted; the restored one is held
 * locked while it is copied, so no agent starts on half of it.
 */
export function restoreBackup(dataDir: string, from: string, now = new Date()): Restored {
  const source = resolve(from);
  const manifest = readManifest(source);
  if (!canRead(manifest.schemaVersion))
    throw new BackupError(
      `This backup was written by a newer Colophon (catalog schema ${manifest.schemaVersion}; this one reads up to ${SCHEMA_VERSION}). Restore it with that version.`,
    );
  const dir = resolve(dataDir);
  let keptAt: string | undefined;
  if (existsSync(dir)) {
    try {
      // Taken and let go at once: it proves no agent holds the data dir.
      lockDataDir(dir).release();
    } catch (error) {
      if (error instanceof StartupError && error.problem === 'in-use')
        throw new BackupError(
          `An agent is running on ${dir}: stop it (Ctrl+C, or stop its service), then restore. Nothing was changed.`,
        );
      throw error;
    }
    if (readdirSync(dir).length > 0) {
      keptAt = join(dir, '..', `${basename(dir)}.before-restore-${stamp(now)}`);
      renameSync(dir, keptAt);
    }
  }
  mkdirSync(dir, { recursive: true });
  const lock = lockDataDir(dir);
  try {
    cpSync(source, dir, {
      recursive: true,
      filter: (src) => resolve(src) !== join(source, MANIFEST),
    });
  } finally {
    lock.release();
  }
  return { manifest, ...(keptAt && { keptAt: resolve(keptAt) }) };
}
