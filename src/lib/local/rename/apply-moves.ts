import type { Move } from '#core/rename/plan-types';
import { moveFile } from '../fs/fs-access';

/** How far a run of moves got: the moves done, and why it stopped (if it did). */
export interface MovesOutcome {
  done: Move[];
  failed?: { move: Move; reason: string };
}

function parts(root: string, path: string): string[] {
  if (!path.startsWith(`${root}/`)) throw new Error(`${path} is outside the folder.`);
  return path.slice(root.length + 1).split('/');
}

async function directory(
  root: FileSystemDirectoryHandle,
  names: readonly string[],
  create: boolean,
): Promise<FileSystemDirectoryHandle> {
  let dir = root;
  for (const name of names) dir = await dir.getDirectoryHandle(name, { create });
  return dir;
}

async function exists(dir: FileSystemDirectoryHandle, name: string): Promise<boolean> {
  try {
    await dir.getFileHandle(name);
    return true;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return false;
    // TypeMismatchError: a folder has that name.
    if (error instanceof DOMException && error.name === 'TypeMismatchError') return true;
    throw error;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof DOMException && error.name === 'NotAllowedError') {
    return 'the browser was not allowed to change the folder';
  }
  if (error instanceof DOMException && error.name === 'NotFoundError') {
    return 'the file is no longer there (rescan the folder)';
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Carries out planned moves through a picked folder's handles, in order,
 * creating folders as needed. It never replaces anything: a destination
 * that is taken stops the run, and so does any failure; what was done is
 * returned so the page can undo it (invertMoves) or record it.
 */
export async function applyMoves(
  root: FileSystemDirectoryHandle,
  rootPath: string,
  moves: readonly Move[],
): Promise<MovesOutcome> {
  const done: Move[] = [];
  for (const move of moves) {
    try {
      const from = parts(rootPath, move.from);
      const to = parts(rootPath, move.to);
      const fromName = from.pop() as string;
      const toName = to.pop() as string;
      const source = await (await directory(root, from, false)).getFileHandle(fromName);
      const target = await directory(root, to, true);
      if (await exists(target, toName)) {
        return { done, failed: { move, reason: `something is already at ${move.to}` } };
      }
      await moveFile(source, target, toName);
      done.push(move);
    } catch (error) {
      return { done, failed: { move, reason: reasonOf(error) } };
    }
  }
  return { done };
}
