import { stat } from 'node:fs/promises';
import type { BookFormat } from '#core/formats/types';
import { resolveInsideRoot, UnsafePathError } from '../files/safe-path';
import type { FileIndex } from '../scan/file-index';
import { ReadingError } from './reading-error';

/** A book's file as it is on disk now: where, and which version (size and mtime). */
export interface BookFile {
  bookId: string;
  format: BookFormat;
  /** Absolute and real, inside its library folder. */
  path: string;
  /** The file's name in its folder, for messages. */
  name: string;
  size: number;
  mtimeMs: number;
}

/**
 * The first file of a book that is on disk and of one of `formats`: only
 * what the file index lists (the catalog), resolved inside its library
 * folder (never following a link out of it). Throws ReadingError when the
 * book is unknown, has no file of those formats, or none is on disk.
 */
export async function locateBookFile(
  index: FileIndex,
  bookId: string,
  formats: readonly BookFormat[],
  formatsInWords: string,
): Promise<BookFile> {
  const rows = index.filesOfBook(bookId);
  if (rows.length === 0)
    throw new ReadingError('unknown-book', 'There is no such book in the library.');
  const readable = rows.filter((row) => formats.includes(row.format));
  if (readable.length === 0) {
    const format = rows[0]?.format.toUpperCase() ?? '';
    throw new ReadingError(
      'wrong-format',
      `This book is a ${format} file; only ${formatsInWords} books can be opened this way.`,
    );
  }
  for (const row of readable) {
    if (row.status === 'missing') continue;
    try {
      const path = await resolveInsideRoot(row.root, row.rel_path);
      const found = await stat(path);
      if (!found.isFile()) continue;
      const name = row.rel_path.split('/').pop() ?? row.rel_path;
      return { bookId, format: row.format, path, name, size: found.size, mtimeMs: found.mtimeMs };
    } catch (error) {
      // Gone since the scan (or since realpath): try the book's next file.
      const vanished = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!(error instanceof UnsafePathError) && !vanished) throw error;
    }
  }
  throw new ReadingError(
    'file-missing',
    "This book's file is no longer in its library folder. Put it back, or scan the library again.",
  );
}
