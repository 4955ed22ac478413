import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { backupManifestSchema, type BackupManifest } from '#core/api/library-care';

/** The file every backup has, written last: a folder without it is not a (finished) backup. */
export const MANIFEST = 'manifest.json';

/** What a backup copies of the data dir besides its databases: made covers, and the agent's certificates. */
export const COPIED_FOLDERS = ['covers', 'tls'] as const;

/** A backup refused, or a folder that is not one, in words the user can act on. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Checks where a backup is to go: an absolute folder, new or empty, outside the data dir. */
export function checkBackupTarget(dataDir: string, folder: string): string {
  if (!isAbsolute(folder))
    throw new BackupError(`Give the backup folder as a full path (${folder} is relative).`);
  const target = resolve(folder);
  const inside = relative(resolve(dataDir), target);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new BackupError(
      `${target} is inside the data folder it would back up: choose a folder elsewhere (another disk, ideally).`,
    );
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new BackupError(`${target} is not empty: give a new or empty folder for the backup.`);
  return target;
}

/** The manifest of a backup folder, or a BackupError saying why the folder is not one. */
export function readManifest(folder: string): BackupManifest {
  const file = join(folder, MANIFEST);
  if (!existsSync(folder)) throw new BackupError(`There is no folder ${folder}.`);
  if (!existsSync(file) || !existsSync(join(folder, 'colophon.sqlite')))
    throw new BackupError(
      `${folder} is not a Colophon backup: it has no ${MANIFEST} and colophon.sqlite (a backup cut short has no manifest).`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BackupError(`${file} cannot be read as JSON: this is not a Colophon backup.`);
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new BackupError(`${file} is not a Colophon backup manifest (or one of a newer version).`);
  return parsed.data;
}
