import * as fsp from 'node:fs/promises';

/**
 * The file operations a rename uses, behind one seam so tests can make them
 * fail the way disks do (EXDEV across file systems, EACCES, ENOSPC) without
 * needing such a disk, or root's ability to ignore permissions.
 */
export type FileOps = Pick<
  typeof fsp,
  'lstat' | 'link' | 'rename' | 'unlink' | 'copyFile' | 'mkdir' | 'rmdir' | 'utimes' | 'open'
>;

export const nodeFileOps: FileOps = {
  lstat: fsp.lstat,
  link: fsp.link,
  rename: fsp.rename,
  unlink: fsp.unlink,
  copyFile: fsp.copyFile,
  mkdir: fsp.mkdir,
  rmdir: fsp.rmdir,
  utimes: fsp.utimes,
  open: fsp.open,
};

export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** lstat, or undefined when nothing is there. Other errors (EACCES…) are thrown. */
export async function lstatOrNothing(ops: FileOps, path: string) {
  try {
    return await ops.lstat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Flushes a file or folder to the disk, so a power cut cannot undo what the journal then records. */
export async function sync(ops: FileOps, path: string): Promise<void> {
  let handle;
  try {
    handle = await ops.open(path, 'r');
    await handle.sync();
  } catch (error) {
    // Some systems cannot open or fsync a folder (Windows, some network shares): best effort there.
    if (
      !['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF'].includes(errorCode(error) ?? '')
    )
      throw error;
  } finally {
    await handle?.close();
  }
}
