import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readManifest } from './backup-files';

/** The dated folders the schedule and "Back up now" write: `colophon-backup-2026-05-01-030000`. */
const DATED = /^colophon-backup-\d{4}-\d{2}-\d{2}-\d{6}$/;

/** The Colophon backup of this library in `folder`, or false for anything else (a backup cut short too). */
function isBackupOf(folder: string, library: string): boolean {
  try {
    return readManifest(folder).library === library;
  } catch {
    return false;
  }
}

/**
 * "Keep the last N backups": after a backup into a dated folder inside
 * `parent` was written, removes the older dated backups of the same library
 * beyond the newest `keep` (the one just written among them, and never
 * removed). Only folders whose manifest says they are this library's
 * backups are touched: a folder with another name, a backup cut short (no
 * manifest), another library's backups and files stay. `keep` 0 keeps all.
 * Returns the folders removed.
 */
export function pruneBackups(
  parent: string,
  keep: number,
  written: string,
  library: string,
): string[] {
  if (!(keep > 0)) return [];
  const justWritten = resolve(written);
  const dated = readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && DATED.test(entry.name))
    .map((entry) => join(resolve(parent), entry.name))
    .filter((folder) => folder === justWritten || isBackupOf(folder, library))
    // The name's date sorts as text: newest first.
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const kept = new Set(dated.slice(0, keep));
  kept.add(justWritten);
  const removed: string[] = [];
  for (const folder of dated) {
    if (kept.has(folder)) continue;
    rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

/** The bytes a folder's files take, for "Backed up to … (120 MB)". */
export function folderBytes(folder: string): number {
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}
