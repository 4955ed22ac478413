import type { Dirent, Stats } from 'node:fs';
import { readdir, stat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { StatMany } from './stat-many';

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  /** Path below the walk root, `/`-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
}

export type WalkEvent =
  /** The accepted files of one folder, in name order (one event per folder, not per file). */
  | { kind: 'files'; files: WalkedFile[] }
  /** Something the user should know about that did not stop the walk. */
  | { kind: 'notice'; path: string; message: string };

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it vanished while being scanned';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}

/**
 * What a file that is neither a regular file nor a folder is (named pipe,
 * socket, device), or undefined for files and folders. They are never opened:
 * reading a named pipe blocks until someone writes to it.
 */
function specialKind(entry: Dirent | Stats): string | undefined {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device file';
  return undefined;
}

function isInside(realRoots: readonly string[], real: string): boolean {
  return realRoots.some((root) => {
    const rel = relative(root, real);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  });
}

/** Why a link was not followed; the target is not named (readers see scan problems). */
const LEADS_OUTSIDE =
  'Link not followed: it leads outside the library. Only files inside the library folders are cataloged.';

/**
 * A rename's own files: its trash folder (files an 'overwrite' replaced,
 * kept for undo) and files parked under a temporary or partial name while a
 * batch runs. They are not books of the library; the rename journal tracks them.
 */
function isRenameScratch(name: string): boolean {
  return (
    name === '.colophon-trash' ||
    name.startsWith('.colophon-tmp-') ||
    name.startsWith('.colophon-partial-')
  );
}

/**
 * Walks `root` depth-first, in name order, yielding the files `accept` wants a folder at a time.
 * Follows symbolic links to files and folders inside `root` or the other
 * library folders `within`, but never enters the same folder twice (so link
 * loops end); reports links that lead elsewhere, named pipes, sockets and
 * devices, broken links, unreadable and empty folders as notices and carries
 * on. It only reads.
 */
export async function* walk(
  root: string,
  accept: (name: string) => boolean,
  options: { within?: readonly string[] } = {},
): AsyncGenerator<WalkEvent> {
  const visited = new Set<string>();
  const rootReal = await realpath(root);
  const realRoots = [rootReal];
  for (const other of options.within ?? []) {
    // A library folder that is gone holds nothing a link could lead to.
    const real = await realpath(other).catch(() => undefined);
    if (real) realRoots.push(real);
  }
  const rootStat = await stat(rootReal);
  visited.add(`${rootStat.dev}:${rootStat.ino}`);
  const stack: { dir: string; rel: string }[] = [{ dir: root, rel: '' }];
  const statMany = new StatMany();

  while (stack.length > 0) {
    const { dir, rel } = stack.pop() as { dir: string; rel: string };
    let names: {
      name: string;
      isDir: boolean;
      isFile: boolean;
      isLink: boolean;
      special: string | undefined;
    }[];
    try {
      // One call per folder: iterating an opendir handle costs a round trip per 32 entries.
      names = (await readdir(dir, { withFileTypes: true })).map((d) => ({
        name: d.name,
        isDir: d.isDirectory(),
        isFile: d.isFile(),
        isLink: d.isSymbolicLink(),
        special: specialKind(d),
      }));
    } catch (error) {
      yield { kind: 'notice', path: dir, message: `Folder skipped: ${describe(error)}.` };
      continue;
    }
    if (names.length === 0) {
      yield { kind: 'notice', path: dir, message: 'Empty folder.' };
      continue;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Plain files are stat'ed together (see StatMany: one promise at a time, 100,000
    // of them took seconds of a warm rescan); they are still yielded in name order.
    const plain = names.filter(
      (e) => e.isFile && !e.isLink && !isRenameScratch(e.name) && accept(e.name),
    );
    const plainStats = await statMany.all(plain.map((e) => join(dir, e.name)));
    const stats = new Map(plain.map((e, i) => [e.name, plainStats[i]]));
    const subdirs: { dir: string; rel: string }[] = [];
    const files: WalkedFile[] = [];
    for (const entry of names) {
      if (isRenameScratch(entry.name)) continue;
      const path = join(dir, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.special) {
        yield { kind: 'notice', path, message: `Skipped: ${entry.special}, not a book file.` };
        continue;
      }
      let isDir = entry.isDir;
      let isFile = entry.isFile;
      // Plain files were stat'ed above; links and folders are stat'ed here, once.
      let info = stats.get(entry.name);
      if (entry.isLink || isDir) {
        try {
          info = await stat(path);
          // Only links can leave the library: what lies below a followed folder is inside it.
          if (entry.isLink && !isInside(realRoots, await realpath(path))) {
            yield { kind: 'notice', path, message: LEADS_OUTSIDE };
            continue;
          }
        } catch (error) {
          const message = entry.isLink
            ? `Broken link skipped (${describe(error)}).`
            : `Skipped: ${describe(error)}.`;
          yield { kind: 'notice', path, message };
          continue;
        }
        const special = specialKind(info);
        if (special) {
          yield { kind: 'notice', path, message: `Skipped: ${special}, not a book file.` };
          continue;
        }
        isDir = info.isDirectory();
        isFile = info.isFile();
        if (isDir) {
          const key = `${info.dev}:${info.ino}`;
          if (visited.has(key)) {
            if (entry.isLink)
              yield {
                kind: 'notice',
                path,
                message: 'Link to a folder already scanned, not followed again.',
              };
            continue;
          }
          visited.add(key);
        }
      }
      if (isDir) {
        subdirs.push({ dir: path, rel: childRel });
      } else if (isFile && accept(entry.name)) {
        if (info === undefined || info instanceof Error) {
          yield { kind: 'notice', path, message: `Skipped: ${describe(info)}.` };
        } else {
          files.push({ path, rel: childRel, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
        }
      }
    }
    if (files.length > 0) yield { kind: 'files', files };
    // Push in reverse so the walk visits folders in name order.
    for (let i = subdirs.length - 1; i >= 0; i--)
      stack.push(subdirs[i] as { dir: string; rel: string });
  }
}
