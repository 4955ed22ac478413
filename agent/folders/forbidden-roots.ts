import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * Folders whose files belong to the operating system: a library folder there
 * would let every reader download them (an admin once added /etc, and a reader
 * then fetched /etc/shadow). The folder and everything below it is refused.
 */
const POSIX_SYSTEM = [
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/boot',
  '/root',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/var',
  '/run',
  // macOS: /etc and /var are links into /private.
  '/private',
  '/System',
  '/Library',
];

/** The same below any drive letter (C:\Windows, D:\Program Files, …). */
const WINDOWS_SYSTEM = [
  'Windows',
  'Program Files',
  'Program Files (x86)',
  'ProgramData',
  'Recovery',
  'Boot',
  'System Volume Information',
  '$Recycle.Bin',
];

export type Platform = 'posix' | 'win32';

function pathsFor(platform: Platform) {
  return platform === 'win32' ? win32 : posix;
}

function isWithin(platform: Platform, parent: string, child: string): boolean {
  const path = pathsFor(platform);
  // Windows paths are compared without case: C:\WINDOWS is C:\Windows.
  const fold = (p: string) => (platform === 'win32' ? p.toLowerCase() : p);
  const rel = path.relative(fold(parent), fold(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The temporary folders, which stay allowed although macOS keeps them below
 * /var and /private (tests, and people trying Colophon out, put libraries there).
 */
function temporaryFolders(platform: Platform): string[] {
  if (platform === 'win32') return [];
  const tmp = tmpdir();
  // A TMPDIR of / or /etc must not open the system folders.
  return ['/tmp', realOrSame('/tmp'), tmp, realOrSame(tmp)].filter(
    (dir) => posix.dirname(dir) !== dir && !POSIX_SYSTEM.includes(dir),
  );
}

function systemFolderOf(platform: Platform, folder: string): string | undefined {
  if (platform === 'win32') {
    const drive = win32.parse(folder).root;
    return WINDOWS_SYSTEM.map((name) => win32.join(drive, name)).find((system) =>
      isWithin(platform, system, folder),
    );
  }
  if (temporaryFolders(platform).some((tmp) => isWithin(platform, tmp, folder))) return undefined;
  return POSIX_SYSTEM.find((system) => isWithin(platform, system, folder));
}

function example(platform: Platform): string {
  return platform === 'win32' ? 'D:\\Books' : '/home/you/Books or /srv/books';
}

/**
 * Why `folder` may not be a library folder, or undefined when it may. Give it
 * the folder's real path (links resolved) and the agent's data folder; `shown`
 * is how the user wrote it, for the message. The data folder is refused too:
 * a scan there would catalog, and serve, the agent's own database and covers.
 */
export function forbiddenRootReason(
  folder: string,
  dataDir: string | undefined,
  shown = folder,
  platform: Platform = process.platform === 'win32' ? 'win32' : 'posix',
): string | undefined {
  const path = pathsFor(platform);
  const leads = shown === folder ? shown : `${shown} (which leads to ${folder})`;
  const pick = `Pick the folder that holds your books, e.g. ${example(platform)}.`;
  if (path.dirname(folder) === folder) {
    return `${leads} is the root of the file system: a library folder would expose every file on the machine to every reader. ${pick}`;
  }
  const system = systemFolderOf(platform, folder);
  if (system) {
    const where =
      system === folder ? 'is a system folder' : `is inside the system folder ${system}`;
    return `${leads} ${where}: the operating system's files must not be cataloged or served to readers. ${pick}`;
  }
  if (dataDir) {
    const data = realOrSame(path.resolve(dataDir));
    const keep = `A library folder must hold your books, not the agent's data: pick another folder, or keep the data elsewhere with --data DIR.`;
    if (isWithin(platform, data, folder)) {
      const where =
        data === folder
          ? "is the agent's data folder"
          : `is inside the agent's data folder ${data}`;
      return `${leads} ${where}. ${keep}`;
    }
    if (isWithin(platform, folder, data)) {
      return `${leads} contains the agent's data folder ${data}. ${keep}`;
    }
  }
  return undefined;
}
