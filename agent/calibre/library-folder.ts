import { isAbsolute, relative, sep } from 'node:path';
import { folderDoc } from '../catalog/book-docs';
import type { AgentContext } from '../context';
import { addFolder, FolderError, listFolders, type Folder } from '../folders/folders';
import type { OperationLog } from '../oplog/operation-log';
import { CalibreLibraryError } from './library-error';

/** Where a Calibre library's files are cataloged: a library folder, and the path below it. */
export interface CalibrePlace {
  folder: Folder;
  /** The Calibre library's path below the folder's root, `/`-separated; '' when it is the root. */
  prefix: string;
}

/** A Calibre book folder's path (books.path) below its library folder's root. */
export function placed(place: CalibrePlace, path: string): string {
  return place.prefix ? `${place.prefix}/${path}` : path;
}

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
    ? rel.split(sep).join('/')
    : undefined;
}

/**
 * The library folder a Calibre library's files are cataloged in: a folder
 * that holds it already (the files are not cataloged twice), else the
 * Calibre folder itself, added as a library folder (read-only is enough) and
 * logged. Throws CalibreLibraryError when it cannot be one.
 */
export async function calibrePlace(
  ctx: AgentContext,
  oplog: OperationLog,
  root: string,
): Promise<CalibrePlace> {
  const holding = listFolders(ctx.db)
    .flatMap((folder) => {
      const prefix = inside(folder.root, root);
      return prefix === undefined ? [] : [{ folder, prefix }];
    })
    .sort((a, b) => b.folder.root.length - a.folder.root.length)[0];
  if (holding) return holding;
  let folder: Folder;
  try {
    folder = addFolder(ctx.db, root);
  } catch (error) {
    if (error instanceof FolderError) throw new CalibreLibraryError(root, error.message);
    throw error;
  }
  await ctx.catalog.upsert([folderDoc(ctx.library, folder)]);
  oplog.record({
    kind: 'folder.added',
    subject: folder.root,
    message: `Library folder ${folder.root} added: a Calibre library, whose files stay where they are.`,
  });
  return { folder, prefix: '' };
}
