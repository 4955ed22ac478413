import type { Extraction } from '#core/formats/types';
import { bookDoc, type BookDoc } from '#core/schema/book-doc';
import { coverDoc, SMALL_COVER_ATTACHMENT } from '#core/schema/cover-doc';
import { folderDoc, type FolderDoc } from '#core/schema/folder-doc';
import type { MadeCover } from '../covers/make-cover';
import { LOCAL_LIBRARY } from '../library';
import type { LocalFileRow, LocalFolder } from '../store/local-db';
import type { CoverDocWithThumbnail } from './scan-types';

/** A row of the browser's file index (plus what its parser found) as a book document. */
export function localBookDoc(
  row: LocalFileRow,
  extraction: Extraction | undefined,
  problem: { code: string; message: string } | undefined,
  scannedAt: number,
): BookDoc {
  return bookDoc({
    library: LOCAL_LIBRARY,
    bookId: row.bookId,
    folderId: row.folder,
    path: row.path,
    format: row.format,
    size: row.size,
    mtimeMs: row.mtimeMs,
    addedAt: row.addedAt,
    scannedAt,
    status: row.status,
    problem,
    extraction,
  });
}

/** A picked folder has no path the app may know; its name stands for its root. */
export function localFolderDoc(folder: LocalFolder): FolderDoc {
  return folderDoc(LOCAL_LIBRARY, folder.id, folder.name);
}

/**
 * The book's cover document with its small thumbnail attached. There is no
 * medium thumbnail without an agent to serve it: `medium` gives the small
 * one's size, and the book page falls back to the small image.
 */
export function localCoverDoc(bookId: string, cover: MadeCover): CoverDocWithThumbnail {
  return {
    ...coverDoc({
      library: LOCAL_LIBRARY,
      bookId,
      source: 'embedded',
      hash: cover.hash,
      original: cover.original,
      small: cover.small,
      medium: cover.small,
    }),
    _attachments: {
      [SMALL_COVER_ATTACHMENT]: { content_type: cover.blob.type || 'image/webp', data: cover.blob },
    },
  };
}
