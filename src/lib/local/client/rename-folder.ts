import type { ConflictPolicy, RenamePlan } from '#core/rename/plan-types';
import type { ProfileName } from '#core/rename/sanitise';
import { invertMoves } from '#core/rename/undo';
import { bookDocId } from '#core/schema/book-doc';
import { canMoveFiles, requestAccess } from '../fs/fs-access';
import { LOCAL_LIBRARY } from '../library';
import { applyMoves, type MovesOutcome } from '../rename/apply-moves';
import { listTree, treeOfPaths } from '../rename/folder-tree';
import { moveScript } from '../rename/move-script';
import { netMoves } from '../rename/net-moves';
import { planFolder, planRoot } from '../rename/plan-folder';
import { FileIndex } from '../store/file-index';
import type { LocalDb, LocalFolder } from '../store/local-db';
import { catalogWriter } from './scan-client';

export interface RenameOptions {
  pattern: string;
  profile: ProfileName;
  onConflict: ConflictPolicy;
}

/** Whether this browser can carry out renames in this folder itself (else: the script). */
export function canApplyRenames(folder: LocalFolder): boolean {
  return (
    folder.kind === 'handle' &&
    typeof FileSystemFileHandle !== 'undefined' &&
    canMoveFiles(FileSystemFileHandle.prototype)
  );
}

/** The plan for renaming a folder's books with a pattern (nothing is touched). */
export async function previewRename(
  db: LocalDb,
  folder: LocalFolder,
  options: RenameOptions,
): Promise<RenamePlan> {
  const books = await catalogWriter().booksIn(folder.id);
  const tree = folder.handle
    ? await listTree(folder.handle)
    : treeOfPaths((await new FileIndex(db).inFolder(folder.id)).map((row) => row.path));
  return planFolder({ folderId: folder.id, books, tree, ...options });
}

/** The plan as a shell script to run where the folder is. */
export function renameScript(folder: LocalFolder, plan: RenamePlan): string {
  return moveScript(folder.name, planRoot(folder.id), plan.moves);
}

/** The index and the catalog follow the book files that moved. */
async function recordMoves(
  db: LocalDb,
  folder: LocalFolder,
  outcome: MovesOutcome,
): Promise<number> {
  const root = planRoot(folder.id);
  const moved = [...netMoves(outcome.done).entries()].map(([from, to]) => ({
    from: from.slice(root.length + 1),
    to: to.slice(root.length + 1),
  }));
  if (moved.length === 0) return 0;
  const index = new FileIndex(db);
  const rows = new Map((await index.inFolder(folder.id)).map((row) => [row.path, row]));
  const books = moved.flatMap(({ from, to }) => {
    const row = rows.get(from);
    return row ? [{ bookDocId: bookDocId(LOCAL_LIBRARY, row.bookId), path: to }] : [];
  });
  await index.rename(
    folder.id,
    moved.filter(({ from }) => rows.has(from)),
  );
  await catalogWriter().moveBooks(books);
  return books.length;
}

export interface ApplyResult extends MovesOutcome {
  /** Books whose path changed in the catalog. */
  books: number;
}

/**
 * Applies the plan through the folder's handles (asking for write access
 * first, from the click that called this) and records what moved. A run
 * that stops half-way keeps what it did and says where it stopped.
 */
export async function applyRename(
  db: LocalDb,
  folder: LocalFolder,
  plan: RenamePlan,
): Promise<ApplyResult> {
  if (!folder.handle) throw new Error('This folder was imported from a file list; use the script.');
  if ((await requestAccess(folder.handle, 'readwrite')) !== 'granted') {
    throw new Error('Write access to the folder was not granted; nothing was renamed.');
  }
  const outcome = await applyMoves(folder.handle, planRoot(folder.id), plan.moves);
  return { ...outcome, books: await recordMoves(db, folder, outcome) };
}

/** Undoes moves that were done (the plan's moves reversed), and records it. */
export async function undoMoves(
  db: LocalDb,
  folder: LocalFolder,
  done: MovesOutcome['done'],
): Promise<ApplyResult> {
  if (!folder.handle) throw new Error('This folder cannot be changed from here.');
  const outcome = await applyMoves(folder.handle, planRoot(folder.id), invertMoves(done));
  return { ...outcome, books: await recordMoves(db, folder, outcome) };
}
