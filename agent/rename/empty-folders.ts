import { dirname } from 'node:path';
import { errorCode, type FileOps } from './file-ops';

/**
 * Removes the folders that moving files out of them left empty, and their
 * parents that became empty in turn, never the library folder itself nor
 * anything outside it. rmdir only ever removes an empty folder, so a folder
 * someone put a file in meanwhile stays. Returns the folders removed.
 */
export async function removeEmptyFolders(
  ops: FileOps,
  root: string,
  vacated: Iterable<string>,
): Promise<string[]> {
  const removed: string[] = [];
  const folders = [...new Set(vacated)].sort((a, b) => b.length - a.length);
  for (const start of folders) {
    for (let dir = start; dir.startsWith(`${root}/`); dir = dirname(dir)) {
      try {
        await ops.rmdir(dir);
        removed.push(dir);
      } catch (error) {
        // Gone already (a deeper pass took it): its parent may still be empty.
        if (errorCode(error) !== 'ENOENT') break;
      }
    }
  }
  return removed;
}
