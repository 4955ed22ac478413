import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** One mounted file system, as /proc/self/mountinfo lists it. */
export interface Mount {
  /** Where it is mounted (absolute, unescaped). */
  mountPoint: string;
  /** The file-system type: ext4, nfs4, cifs, fuse.sshfs… */
  fsType: string;
}

/** The kernel writes space, tab, newline and backslash in paths as octal escapes (\040). */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, code: string) => String.fromCharCode(parseInt(code, 8)));
}

/**
 * Parses /proc/self/mountinfo (proc(5)): "36 35 98:0 /mnt1 /mnt/parent rw
 * master:1 - ext3 /dev/root rw". The mount point is the fifth field; the type
 * follows the " - " that ends the optional fields. Lines that do not fit are skipped.
 */
export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    const dash = fields.indexOf('-', 6);
    const mountPoint = fields[4];
    const fsType = dash > 0 ? fields[dash + 1] : undefined;
    if (!mountPoint?.startsWith('/') || !fsType) continue;
    mounts.push({ mountPoint: unescapeOctal(mountPoint), fsType: unescapeOctal(fsType) });
  }
  return mounts;
}

function contains(mountPoint: string, path: string): boolean {
  const rel = relative(mountPoint, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The mount that holds `path` (a resolved, absolute path): the deepest mount
 * point above it; of two at the same point, the later one (it hides the first).
 */
export function mountOf(path: string, mounts: readonly Mount[]): Mount | undefined {
  let best: Mount | undefined;
  for (const mount of mounts) {
    if (!contains(mount.mountPoint, path)) continue;
    if (!best || mount.mountPoint.length >= best.mountPoint.length) best = mount;
  }
  return best;
}

/** Reads this process's mount table; undefined where there is none (macOS, Windows). */
export type ReadMountInfo = () => string | undefined;

export const readProcMountInfo: ReadMountInfo = () => {
  if (process.platform !== 'linux') return undefined;
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
};
