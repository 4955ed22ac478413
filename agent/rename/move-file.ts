import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { dirname } from 'node:path';
import { errorCode, lstatOrNothing, sync, type FileOps } from './file-ops';
import { MoveError, taken } from './fs-reasons';

/** Hard links are not everywhere (FAT, some SMB shares): these mean "use rename instead". */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EINVAL']);

export interface MoveOptions {
  /** Where a cross-device copy is written before it takes its name (same folder as `to`). */
  partial: string;
  /** fsync folders (and copies) before returning, so the journal never runs ahead of the disk. */
  durable: boolean;
}

export type MoveHow = 'linked' | 'renamed' | 'copied';

/**
 * Moves one file without ever replacing one: link to the new name and unlink
 * the old (link fails if the name is taken, where rename would silently
 * replace), else check and rename where links are not supported. Across file
 * systems: copy to a partial name beside the destination, fsync, compare the
 * bytes, give it its name, and only then unlink the original. At every
 * instant the file exists under its old name, its new name, or both (the
 * same inode, or a verified copy): recovery can tell which.
 */
export async function moveFile(
  ops: FileOps,
  from: string,
  to: string,
  options: MoveOptions,
): Promise<MoveHow> {
  const how = await placeNoReplace(ops, from, to, options, true);
  if (options.durable) await syncFolders(ops, from, to);
  return how;
}

async function placeNoReplace(
  ops: FileOps,
  from: string,
  to: string,
  options: MoveOptions,
  acrossAllowed: boolean,
): Promise<MoveHow> {
  try {
    await ops.link(from, to);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') throw taken(to);
    if (code === 'EXDEV' && acrossAllowed) return copyAcross(ops, from, to, options);
    if (!NO_LINKS.has(code ?? '')) throw error;
    if (await lstatOrNothing(ops, to)) throw taken(to);
    try {
      await ops.rename(from, to);
    } catch (renameError) {
      if (errorCode(renameError) === 'EXDEV' && acrossAllowed)
        return copyAcross(ops, from, to, options);
      throw renameError;
    }
    return 'renamed';
  }
  try {
    await ops.unlink(from);
  } catch (error) {
    // E.g. the old folder is read-only: take the new name back, so the file is not there twice.
    await ops.unlink(to);
    throw error;
  }
  return 'linked';
}

async function copyAcross(
  ops: FileOps,
  from: string,
  to: string,
  options: MoveOptions,
): Promise<MoveHow> {
  const { partial } = options;
  const source = await ops.lstat(from);
  await unlinkIfThere(ops, partial);
  try {
    await ops.copyFile(from, partial, constants.COPYFILE_EXCL);
    await sync(ops, partial);
    // Keep the time stamps, so the next scan sees the same file, not a changed one.
    // Seconds as fractions keep the milliseconds the index compares (a Date would round them).
    await ops.utimes(partial, source.atimeMs / 1000, source.mtimeMs / 1000);
    if (!(await sameContent(ops, from, partial)))
      throw new MoveError(
        to,
        `The copy of ${from} on the other disk differs from the original; the original was kept. Check the disk.`,
      );
    await placeNoReplace(ops, partial, to, options, false);
  } catch (error) {
    await unlinkIfThere(ops, partial).catch(() => {});
    throw error;
  }
  if (options.durable) await sync(ops, dirname(to));
  try {
    await ops.unlink(from);
  } catch (error) {
    // The original could not go (a read-only folder): the copy goes instead, so there is one file.
    await ops.unlink(to);
    throw error;
  }
  return 'copied';
}

async function syncFolders(ops: FileOps, from: string, to: string): Promise<void> {
  await sync(ops, dirname(to));
  if (dirname(from) !== dirname(to)) await sync(ops, dirname(from));
}

export async function unlinkIfThere(ops: FileOps, path: string): Promise<boolean> {
  try {
    await ops.unlink(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Byte for byte (by SHA-256; sizes first). */
export async function sameContent(ops: FileOps, a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([ops.lstat(a), ops.lstat(b)]);
  if (sa.size !== sb.size) return false;
  const [ha, hb] = await Promise.all([digest(ops, a), digest(ops, b)]);
  return ha === hb;
}

async function digest(ops: FileOps, path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await ops.open(path, 'r');
  try {
    const buffer = new Uint8Array(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
