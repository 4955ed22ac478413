import { bookFileUrl } from '#core/api/files';
import { convertedEpubUrl } from '#core/api/reading';
import type { BookFormat } from '#core/formats/types';
import type { BookRow } from '$lib/db/read-model';
import { keptBlob } from '$lib/keep/kept-books';
import { LOCAL_LIBRARY } from '$lib/local/library';
import { localBookFile } from './local-file';
import type { ReaderKind, ReaderSource } from './reader-types';

const KINDS: Record<BookFormat, ReaderKind> = {
  epub: 'epub',
  // The agent converts MOBI and AZW3 to EPUB once, so one reader serves all three.
  mobi: 'epub',
  azw3: 'epub',
  pdf: 'pdf',
  cbz: 'comic',
  cbr: 'comic',
  cb7: 'comic',
  cbt: 'comic',
};

export function readerKind(format: BookFormat): ReaderKind {
  return KINDS[format];
}

/** Where the agent serves what the reader opens: the file, or a MOBI's EPUB. */
export function readableUrl(book: Pick<BookRow, 'id' | 'format' | 'folder' | 'path'>): string {
  return book.format === 'mobi' || book.format === 'azw3'
    ? convertedEpubUrl(book.id)
    : bookFileUrl(book.folder, book.path);
}

/** A book that cannot be opened right now, and why, in words the user can act on. */
export class UnopenableBook extends Error {
  constructor(
    message: string,
    /** The browser needs a click to give the folder back (a picked folder's permission). */
    readonly needsAccess = false,
  ) {
    super(message);
  }
}

/**
 * Where this book's bytes come from: the copy kept on this device first (it
 * works with no network), then the picked folder for books of this device,
 * then the agent.
 */
export async function openBook(book: BookRow, askAccess = false): Promise<ReaderSource> {
  const kept = await keptBlob(book.id).catch(() => undefined);
  if (kept) return { kind: 'blob', blob: kept };
  if (book.library === LOCAL_LIBRARY) {
    if (book.format === 'mobi' || book.format === 'azw3')
      throw new UnopenableBook(
        'MOBI and AZW3 books open in the app when an agent catalogs them (it converts them for the reader). From a picked folder, open the file in a Kindle app or in Calibre.',
      );
    try {
      return { kind: 'blob', blob: await localBookFile(book.folder, book.path, askAccess) };
    } catch (error) {
      const needsAccess = !!error && typeof error === 'object' && 'needsAccess' in error;
      throw new UnopenableBook(
        error instanceof Error ? error.message : String(error),
        needsAccess && (error as { needsAccess: boolean }).needsAccess,
      );
    }
  }
  if (book.status === 'missing')
    throw new UnopenableBook(
      'The file is no longer where the agent found it, so it cannot be opened. Scan the library again once it is back.',
    );
  if (typeof navigator !== 'undefined' && !navigator.onLine)
    throw new UnopenableBook(
      'This book is not kept on this device and the network is off. Back online, open it again — or use "Keep on this device" on its page to read it offline next time.',
    );
  return { kind: 'remote', bookId: book.id, url: readableUrl(book) };
}
