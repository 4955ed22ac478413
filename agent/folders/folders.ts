import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from '../db/sqlite';
import { newId } from '../ids';
import { FileIndex } from '../scan/file-index';
import { forbiddenRootReason } from './forbidden-roots';

export interface Folder {
  id: string;
  root: string;
}

/** What a folder is called where its absolute path is not shown: the last part of its root. */
export function folderName(root: string): string {
  return root.split(/[\\/]/).filter(Boolean).pop() ?? root;
}

/** A folder the user asked for that cannot be a library folder, and what to do about it. */
export class FolderError extends Error {
  override name = 'FolderError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The data folder of the agent whose database this is: the folder that holds
 * colophon.sqlite (see openContext). Undefined for a database in memory.
 */
export function dataDirOf(db: Db): string | undefined {
  return db.memory || !db.name ? undefined : dirname(resolve(db.name));
}

/**
 * Checks that `path` is a readable directory (and writable, when renames are
 * wanted) that may be a library folder: not the file-system root, a system
 * folder or the agent's data folder, wherever its links lead. The message
 * names the problem and a fix.
 */
export function validateFolder(
  path: string,
  options: { dataDir: string | undefined; writable?: boolean },
): string {
  if (!path.trim())
    throw new FolderError(path, 'Give the path of the folder that holds your books.');
  const root = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new FolderError(
      root,
      `${root} does not exist. Check the path, or create the folder first.`,
    );
  }
  if (!isDir)
    throw new FolderError(
      root,
      `${root} is a file, not a folder. Give the folder that holds your books.`,
    );
  // Both spellings: /etc itself, and a link elsewhere that leads into it.
  const reason =
    forbiddenRootReason(root, options.dataDir) ??
    forbiddenRootReason(realpathSync(root), options.dataDir, root);
  if (reason) throw new FolderError(root, reason);
  try {
    accessSync(root, constants.R_OK | constants.X_OK);
  } catch {
    throw new FolderError(
      root,
      `${root} cannot be read by the agent's user. Grant read access (e.g. chmod -R a+rX).`,
    );
  }
  if (options.writable) {
    try {
      accessSync(root, constants.W_OK);
    } catch {
      throw new FolderError(
        root,
        `${root} is read-only for the agent's user, so books there cannot be renamed. Grant write access, or leave renames off.`,
      );
    }
  }
  return root;
}

const folderListeners = new WeakMap<Db, Set<() => void>>();

/**
 * Calls `listener` after a folder is added or removed in this database,
 * whoever did it (the API, the wizard, a Calibre import): the folder watchers follow.
 */
export function onFoldersChanged(db: Db, listener: () => void): () => void {
  const listeners = folderListeners.get(db) ?? new Set();
  folderListeners.set(db, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function foldersChanged(db: Db): void {
  for (const listener of folderListeners.get(db) ?? []) listener();
}

export function listFolders(db: Db): Folder[] {
  return db
    .prepare<[], Folder>(
      'SELECT id, root FROM folders WHERE removed_at IS NULL ORDER BY added_at, root',
    )
    .all();
}

/** Every folder ever added, removed ones too (their paths still appear in the operation log). */
export function allFolders(db: Db): Folder[] {
  return db.prepare<[], Folder>('SELECT id, root FROM folders').all();
}

export function getFolder(db: Db, id: string): Folder | undefined {
  return db
    .prepare<[string], Folder>('SELECT id, root FROM folders WHERE id = ? AND removed_at IS NULL')
    .get(id);
}

/**
 * Adds a library folder. Adding the same root again returns it; adding back a
 * removed one restores it, with its books' identities.
 */
export function addFolder(db: Db, path: string, options: { writable?: boolean } = {}): Folder {
  const root = validateFolder(path, { ...options, dataDir: dataDirOf(db) });
  const existing = db
    .prepare<[string], Folder>('SELECT id, root FROM folders WHERE root = ?')
    .get(root);
  if (existing) {
    db.prepare('UPDATE folders SET removed_at = NULL WHERE id = ?').run(existing.id);
    foldersChanged(db);
    return existing;
  }
  const folder = { id: newId(10), root };
  db.prepare('INSERT INTO folders (id, root, added_at) VALUES (?, ?, ?)').run(
    folder.id,
    folder.root,
    Date.now(),
  );
  foldersChanged(db);
  return folder;
}

/** Stops cataloging a folder; its books stay known (as missing) until it is added back. Nothing on disk changes. */
export function removeFolder(db: Db, id: string): Folder | undefined {
  const folder = getFolder(db, id);
  if (!folder) return undefined;
  db.prepare('UPDATE folders SET removed_at = ? WHERE id = ?').run(Date.now(), id);
  new FileIndex(db).setFolderMissing(id);
  foldersChanged(db);
  return folder;
}
