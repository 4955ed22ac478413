import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StartupError } from '../startup-error';

/** SQLite's codes for a file that is not, or no longer, a readable database. */
const DAMAGED = /^SQLITE_(NOTADB|CORRUPT)/;

/**
 * A damaged database file as a StartupError that says which file, what
 * SQLite found, and the two ways back, honestly: the books are untouched, but
 * starting afresh loses what only this file (and the catalog built with it) held.
 */
export function damagedDatabaseError(file: string, error: unknown): StartupError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !DAMAGED.test(code)) return undefined;
  const said = error instanceof Error ? error.message : code;
  const name = basename(file);
  // The write-ahead log goes with its database: left behind, SQLite would apply it to the next one.
  const companions = ['-wal', '-shm']
    .filter((end) => existsSync(file + end))
    .map((end) => name + end);
  const files = [name, ...companions].join(', ');
  const pouch = join(dirname(file), 'pouch');
  return new StartupError(
    'damaged-database',
    `The agent's database ${file} is damaged: SQLite says "${said}". ` +
      `The books in your library folders are not touched by this. To recover, either restore ${files} from a backup, ` +
      `or move ${files} and the folder ${pouch} aside (rename them, do not delete them yet) and start the agent again ` +
      'with --library for each library folder: it catalogs the books afresh from the files. ' +
      'Starting afresh loses what only these held: the accounts (and the reading status and shelves kept for them), your edits to books and series, ' +
      'the rename history (renames can no longer be undone) and the operation log.',
    { cause: error },
  );
}
