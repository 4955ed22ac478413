import { dirname, join } from 'node:path';
import { TRASH_FOLDER } from '#core/rename/plan';
import { lstatOrNothing, sync, type FileOps } from '../rename/file-ops';
import { taken, vanished } from '../rename/fs-reasons';
import { moveFile, sameContent, unlinkIfThere } from '../rename/move-file';

/** Where keep-one puts a copy: `.colophon-trash/<action>/<its path>`, in its own library folder. */
export function trashRel(actionId: string, relPath: string): string {
  return `${TRASH_FOLDER}/${actionId}/${relPath}`;
}

/** Where a copy to another disk is written before it takes its name (see moveFile). */
const partialOf = (to: string, tag: string) => join(dirname(to), `.colophon-partial-${tag}`);

/**
 * Moves one file without ever replacing one (the rename's moveFile: link and
 * unlink, or a verified copy), after checking the source is there and the
 * destination free, making the destination's folders first.
 */
export async function moveNoReplace(
  ops: FileOps,
  from: string,
  to: string,
  tag: string,
): Promise<void> {
  if (!(await lstatOrNothing(ops, from))) throw vanished(from);
  if (await lstatOrNothing(ops, to)) throw taken(to);
  const created = await ops.mkdir(dirname(to), { recursive: true });
  if (created) await sync(ops, dirname(created));
  await moveFile(ops, from, to, { partial: partialOf(to, tag), durable: true });
}

/**
 * After a crash, whether the move from → to was done, decided by the disk:
 * the destination there and the source gone, or both there as one file (a
 * link not yet unlinked) or as a verified copy (the original not yet
 * unlinked; it is unlinked now). False: not done (the file is still at
 * `from`, or something else is in the way, which the next try reports).
 */
export async function finishedOnDisk(
  ops: FileOps,
  from: string,
  to: string,
  tag: string,
): Promise<boolean> {
  await unlinkIfThere(ops, partialOf(to, tag));
  const [a, b] = await Promise.all([lstatOrNothing(ops, from), lstatOrNothing(ops, to)]);
  if (!b) return false;
  if (!a) return true;
  const oneFile = a.dev === b.dev && a.ino === b.ino;
  // Two different files: the move did not happen; trying it again reports what is in the way.
  if (!oneFile && !(a.dev !== b.dev && (await sameContent(ops, from, to)))) return false;
  await ops.unlink(from);
  await sync(ops, dirname(from));
  return true;
}
