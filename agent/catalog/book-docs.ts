import type { Extraction } from '#core/formats/types';
import { bookDoc as bookDocFromFacts, type BookDoc } from '#core/schema/book-doc';
import { folderDoc as folderDocNamed, type FolderDoc } from '#core/schema/folder-doc';
import { folderName, type Folder } from '../folders/folders';
import type { NewFileRow } from '../scan/file-index';

/** A file-index row (plus what its parser found) as a book document. */
export function bookDoc(
  library: string,
  row: NewFileRow,
  extraction: Extraction | undefined,
): BookDoc {
  return bookDocFromFacts({
    library,
    bookId: row.book_id,
    folderId: row.folder_id,
    path: row.rel_path,
    format: row.format,
    size: row.size,
    mtimeMs: row.mtime_ms,
    addedAt: row.added_at,
    scannedAt: row.scanned_at,
    status: row.status,
    problem:
      row.problem_code && row.problem_message
        ? { code: row.problem_code, message: row.problem_message }
        : undefined,
    extraction,
  });
}

/**
 * The folder as every browser replicates it: its name stands for its root, as
 * for a folder picked in a browser. The absolute path stays on the agent;
 * readers replicate the catalog too.
 */
export function folderDoc(library: string, folder: Folder): FolderDoc {
  return folderDocNamed(library, folder.id, folderName(folder.root));
}
