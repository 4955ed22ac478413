import { opendir } from 'node:fs/promises';

/**
 * Why a library folder cannot be scanned now, or undefined when it can. A
 * folder that vanished (a share not mounted, a disk unplugged) or that is
 * suddenly empty while books were cataloged in it is unavailable: its books
 * are left as they are, never marked missing, until it is back. An empty
 * folder that never held a book is only an empty library.
 */
export async function folderUnavailable(
  root: string,
  booksCataloged: number,
): Promise<string | undefined> {
  let empty: boolean;
  try {
    // One entry says enough: the folders list asks on every view, and a root may hold 100,000.
    const dir = await opendir(root);
    try {
      empty = (await dir.read()) === null;
    } finally {
      await dir.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return 'The folder is not there: a network share not mounted, or a disk not plugged in? Its books are kept until it is back.';
    if (code === 'ENOTDIR') return 'This path is now a file, not a folder.';
    if (code === 'EACCES' || code === 'EPERM')
      return 'The agent may no longer read this folder (permission denied).';
    return `The folder cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (empty && booksCataloged > 0) {
    return `The folder is empty, but ${booksCataloged} book${booksCataloged === 1 ? ' was' : 's were'} cataloged in it: a network share not mounted? Its books are kept until it is back.`;
  }
  return undefined;
}
