import {
  FolderUnreadableError,
  isHidden,
  type AcceptName,
  type WalkEvent,
  type WalkedFile,
} from './walk-types';

/** getFile() calls in flight per folder: each is a round trip to the browser's file system. */
const STAT_CONCURRENCY = 32;

function describe(error: unknown): string {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError') return 'access was not granted';
    if (error.name === 'NotFoundError') return 'it vanished while being scanned';
    if (error.name === 'NotReadableError') return 'it cannot be read (locked or damaged)';
  }
  return error instanceof Error ? error.message : String(error);
}

async function stat(handle: FileSystemFileHandle, rel: string): Promise<WalkEvent> {
  try {
    const file = await handle.getFile();
    const walked: WalkedFile = {
      rel,
      size: file.size,
      mtimeMs: Math.trunc(file.lastModified),
      file,
    };
    return { kind: 'file', file: walked };
  } catch (error) {
    return { kind: 'notice', path: rel, message: `Skipped: ${describe(error)}.` };
  }
}

/**
 * Walks a picked folder depth-first, in name order, yielding the files
 * `accept` wants with their size and modification time. Hidden entries
 * (names starting with a dot, which include the rename trash) are not
 * entered. A subfolder that cannot be listed is reported and skipped; the
 * picked folder itself throws FolderUnreadableError (gone, or access
 * withdrawn), so a scan fails instead of finding every book missing. Reads
 * nothing but the folder listings and file metadata.
 */
export async function* walkDirectory(
  root: FileSystemDirectoryHandle,
  accept: AcceptName,
): AsyncGenerator<WalkEvent> {
  const stack: { dir: FileSystemDirectoryHandle; rel: string }[] = [{ dir: root, rel: '' }];
  while (stack.length > 0) {
    const { dir, rel } = stack.pop() as { dir: FileSystemDirectoryHandle; rel: string };
    const entries: [string, FileSystemHandle][] = [];
    try {
      for await (const entry of dir.entries()) entries.push(entry);
    } catch (error) {
      // Not the whole folder: without it, every book would look deleted.
      if (dir === root) throw new FolderUnreadableError(root.name, describe(error));
      yield { kind: 'notice', path: rel, message: `Folder skipped: ${describe(error)}.` };
      continue;
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const subdirs: { dir: FileSystemDirectoryHandle; rel: string }[] = [];
    const files: { handle: FileSystemFileHandle; rel: string }[] = [];
    for (const [name, handle] of entries) {
      if (isHidden(name)) continue;
      const childRel = rel ? `${rel}/${name}` : name;
      if (handle.kind === 'directory') {
        subdirs.push({ dir: handle as FileSystemDirectoryHandle, rel: childRel });
      } else if (accept(name)) {
        files.push({ handle: handle as FileSystemFileHandle, rel: childRel });
      }
    }
    for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
      const batch = files.slice(i, i + STAT_CONCURRENCY);
      yield* await Promise.all(batch.map((f) => stat(f.handle, f.rel)));
    }
    // Pushed in reverse so folders are visited in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as (typeof subdirs)[0]);
  }
}
