import { errorCode } from './file-ops';

/** Why a move could not be made, in words a user can act on. */
export class MoveError extends Error {
  override name = 'MoveError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export const vanished = (path: string) =>
  new MoveError(
    path,
    `${path} is no longer there (moved or deleted outside Colophon); rescan, then preview again.`,
  );

export const taken = (path: string) =>
  new MoveError(
    path,
    `${path} exists now (something was put there after the preview); nothing was overwritten. Move it away or preview again.`,
  );

/** The reason for a failed file operation on `path`. */
export function describeFsError(error: unknown, path: string): string {
  if (error instanceof MoveError) return error.reason;
  switch (errorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return `Permission denied on ${path}: give this user write access to the folder and its parent, then rename the books left.`;
    case 'ENOSPC':
      return `The disk is full (writing ${path}): free some space, then rename the books left.`;
    case 'EDQUOT':
      return `The disk quota is used up (writing ${path}): free some space, then rename the books left.`;
    case 'EROFS':
      return `${path} is on a read-only file system: remount it writable to rename.`;
    case 'ENOENT':
      return vanished(path).reason;
    case 'ENOTDIR':
    case 'EEXIST':
      return `A file is in the way of the folder for ${path}: move it away or change the pattern.`;
    case 'ENAMETOOLONG':
      return `${path} is too long for this file system: shorten the pattern or pick the profile of the disk.`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${path} is in use by another program: close it and rename the books left.`;
    case 'EIO':
      return `The disk reported an input/output error on ${path}: check the disk or network share.`;
    default:
      return `Could not move ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
