import type { Extraction } from '#core/formats/types';
import { BOOK_DOC_VERSION, bookDocId, type BookDoc } from '#core/schema/book-doc';
import { coverDocId, SMALL_COVER_ATTACHMENT } from '#core/schema/cover-doc';
import { folderDocId, type FolderDoc } from '#core/schema/folder-doc';
import type { MadeCover } from '../covers/make-cover';
import { LOCAL_LIBRARY } from '../library';
import type { LocalFileRow, LocalFolder } from '../store/local-db';
import type { CoverDocWithThumbnail } from './scan-types';

/**
 * The one place a file-index row (plus what its parser found) becomes a
 * catalog document of the local library: the agent's book-docs.ts, with
 * `local` for the library.
 */
export function localBookDoc(
  row: LocalFileRow,
  extraction: Extraction | undefined,
  problem: { code: string; message: string } | undefined,
  scannedAt: number,
): BookDoc {
  return {
    _id: bookDocId(LOCAL_LIBRARY, row.bookId),
    type: 'book',
    v: BOOK_DOC_VERSION,
    library: LOCAL_LIBRARY,
    folder: row.folder,
    path: row.path,
    format: row.format,
    size: row.size,
    mtimeMs: row.mtimeMs,
    addedAt: new Date(row.addedAt).toISOString(),
    scannedAt: new Date(scannedAt).toISOString(),
    status: row.status,
    ...(problem ? { problem } : {}),
    ...(extraction ? { extraction } : {}),
  };
}

/** A picked folder has no path the app may know; its name stands for its root. */
export function localFolderDoc(folder: LocalFolder): FolderDoc {
  return {
    _id: folderDocId(LOCAL_LIBRARY, folder.id),
    type: 'folder',
    v: 1,
    library: LOCAL_LIBRARY,
    root: folder.name,
    name: folder.name,
  };
}

/**
 * The book's cover document with its small thumbnail attached. There is no
 * medium thumbnail without an agent to serve it: `medium` gives the small
 * one's size, and the book page falls back to the small image.
 */
export function localCoverDoc(bookId: string, cover: MadeCover): CoverDocWithThumbnail {
  return {
    _id: coverDocId(LOCAL_LIBRARY, bookId, 'embedded'),
    type: 'cover',
    v: 1,
    library: LOCAL_LIBRARY,
    book: bookDocId(LOCAL_LIBRARY, bookId),
    source: 'embedded',
    hash: cover.hash,
    original: cover.original,
    small: cover.small,
    medium: cover.small,
    _attachments: {
      [SMALL_COVER_ATTACHMENT]: { content_type: cover.blob.type || 'image/webp', data: cover.blob },
    },
  };
}
