import type { Extraction } from '#core/formats/types';
import { BOOK_DOC_VERSION, bookDocId, type BookDoc } from '#core/schema/book-doc';
import { folderDocId, type FolderDoc } from '#core/schema/folder-doc';
import { folderName, type Folder } from '../folders/folders';
import type { NewFileRow } from '../scan/file-index';

/** The one place a file-index row (plus what its parser found) becomes a catalog document. */
export function bookDoc(
  library: string,
  row: NewFileRow,
  extraction: Extraction | undefined,
): BookDoc {
  const problem =
    row.problem_code && row.problem_message
      ? { code: row.problem_code, message: row.problem_message }
      : undefined;
  return {
    _id: bookDocId(library, row.book_id),
    type: 'book',
    v: BOOK_DOC_VERSION,
    library,
    folder: row.folder_id,
    path: row.rel_path,
    format: row.format,
    size: row.size,
    mtimeMs: row.mtime_ms,
    addedAt: new Date(row.added_at).toISOString(),
    scannedAt: new Date(row.scanned_at).toISOString(),
    status: row.status,
    ...(problem ? { problem } : {}),
    ...(extraction ? { extraction } : {}),
  };
}

/**
 * The folder as every browser replicates it: its name stands for its root, as
 * for a folder picked in a browser. The absolute path stays on the agent;
 * readers replicate the catalog too.
 */
export function folderDoc(library: string, folder: Folder): FolderDoc {
  const name = folderName(folder.root);
  return {
    _id: folderDocId(library, folder.id),
    type: 'folder',
    v: 1,
    library,
    root: name,
    name,
  };
}
