import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/sqlite';
import { newId } from '../ids';

export interface Folder {
  id: string;
  root: string;
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

/** Checks that `path` is a readable directory; the message says how to fix it if not. */
export function validateFolder(path: string): string {
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
  try {
    accessSync(root, constants.R_OK | constants.X_OK);
  } catch {
    throw new FolderError(
      root,
      `${root} cannot be read by this user. Grant read access (e.g. chmod -R a+rX).`,
    );
  }
  return root;
}

export function listFolders(db: Db): Folder[] {
  return db.prepare<[], Folder>('SELECT id, root FROM folders ORDER BY added_at, root').all();
}

/** Adds a library folder (idempotent: adding the same root again returns the existing one). */
export function addFolder(db: Db, path: string): Folder {
  const root = validateFolder(path);
  const existing = db
    .prepare<[string], Folder>('SELECT id, root FROM folders WHERE root = ?')
    .get(root);
  if (existing) return existing;
  const folder = { id: newId(10), root };
  db.prepare('INSERT INTO folders (id, root, added_at) VALUES (?, ?, ?)').run(
    folder.id,
    folder.root,
    Date.now(),
  );
  return folder;
}
