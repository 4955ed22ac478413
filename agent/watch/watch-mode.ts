import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FolderWatch } from '#core/api/folders';
import { mountOf, parseMountInfo, readProcMountInfo, type ReadMountInfo } from './mount-info';

/** How often a folder on a network share is looked at: changes there raise no local events. */
export const POLL_INTERVAL_MS = 30_000;

/**
 * File systems whose changes made elsewhere (another machine, the host of a
 * virtual machine) raise no inotify events here: they are polled. fuseblk is
 * a local disk (NTFS through ntfs-3g) and is watched natively.
 */
const REMOTE_TYPES: Record<string, string> = {
  nfs: 'network share',
  nfs4: 'network share',
  cifs: 'network share',
  smb3: 'network share',
  smbfs: 'network share',
  ncpfs: 'network share',
  afpfs: 'network share',
  davfs: 'network share',
  ceph: 'network share',
  glusterfs: 'network share',
  lustre: 'network share',
  afs: 'network share',
  '9p': 'shared from another system',
  virtiofs: 'shared from another system',
  vboxsf: 'shared from another system',
  drvfs: 'shared from another system',
  fuse: 'FUSE file system',
};

function remoteKind(fsType: string): string | undefined {
  if (fsType === 'fuseblk') return undefined;
  if (fsType.startsWith('fuse.')) return REMOTE_TYPES.fuse;
  return REMOTE_TYPES[fsType];
}

/** "every 30 s", "every 2 min" ("every 200 ms" in tests). */
export function everyWords(ms: number): string {
  if (ms < 1000) return `every ${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 && seconds >= 120 ? `every ${seconds / 60} min` : `every ${seconds} s`;
}

/**
 * How a folder is watched: natively (inotify and the like), or by polling
 * when it lives on a network share or FUSE mount, where native events miss
 * changes made on the other side. The reason names the file system.
 */
export function watchModeFor(
  root: string,
  readMountInfo: ReadMountInfo = readProcMountInfo,
  pollMs = POLL_INTERVAL_MS,
): FolderWatch & { mode: 'native' | 'polling' } {
  const text = readMountInfo();
  if (text === undefined) return { mode: 'native', reason: 'file-system events' };
  let path: string;
  try {
    // The mount that holds the files: a link may lead from a local folder onto a share.
    path = realpathSync(root);
  } catch {
    path = resolve(root);
  }
  const mount = mountOf(path, parseMountInfo(text));
  if (!mount) return { mode: 'native', reason: 'file-system events' };
  const kind = remoteKind(mount.fsType);
  if (kind)
    return { mode: 'polling', reason: `polling ${everyWords(pollMs)}: ${kind}, ${mount.fsType}` };
  return { mode: 'native', reason: `local file system, ${mount.fsType}` };
}
