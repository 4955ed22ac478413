import { formatPath, type CalibreBook } from '#core/calibre/calibre-book';
import type { CalibreProblem } from '#core/api/calibre';
import { formatFromName } from '#core/formats/detect';
import { resolveInsideRoot, UnsafePathError } from '../files/safe-path';
import type { FileIndex } from '../scan/file-index';
import { placed, type CalibrePlace } from './library-folder';

/** A cataloged file of a Calibre book: the book document it is. */
export interface LinkedFile {
  bookId: string;
  relPath: string;
}

/** A Calibre book and the cataloged files that get its values. */
export interface CalibreLink {
  book: CalibreBook;
  files: LinkedFile[];
}

export interface Linking {
  links: CalibreLink[];
  /** Books with no file to give their values to, each with why. */
  notImported: CalibreProblem[];
  /** Formats of books that came across with another format, each with why not this one. */
  fileProblems: CalibreProblem[];
}

/** Why a format's file is not among the cataloged files. */
async function whyNot(root: string, relPath: string): Promise<string> {
  const format = formatFromName(relPath);
  if (!format)
    return `Colophon does not catalog .${relPath.slice(relPath.lastIndexOf('.') + 1)} files.`;
  try {
    await resolveInsideRoot(root, relPath);
  } catch (error) {
    if (!(error instanceof UnsafePathError)) throw error;
    return /no such file/.test(error.message)
      ? 'The file is not in the library folder (moved or deleted outside Calibre?).'
      : `Calibre's path for it leaves the library folder: ${error.message}`;
  }
  return "The file is there but was not cataloged: the scan's log says why.";
}

/**
 * Finds the cataloged file of each format Calibre lists for each book (the
 * scan catalogs `path/name.format` like any file; the file index names its
 * book). Files Calibre lists that are missing, of formats Colophon does not
 * catalog, or that the scan could not catalog are told, never invented.
 */
export async function linkFiles(
  index: FileIndex,
  place: CalibrePlace,
  books: readonly CalibreBook[],
): Promise<Linking> {
  const { folder } = place;
  const linking: Linking = { links: [], notImported: [], fileProblems: [] };
  for (const book of books) {
    const files: LinkedFile[] = [];
    const problems: CalibreProblem[] = [];
    for (const format of book.formats) {
      const relPath = placed(place, formatPath(book, format));
      const row = index.at(folder.id, relPath);
      if (row && row.status !== 'missing') files.push({ bookId: row.book_id, relPath });
      else
        problems.push({
          calibreId: book.id,
          title: book.title,
          file: relPath,
          reason: await whyNot(folder.root, relPath),
        });
    }
    if (book.formats.length === 0)
      problems.push({
        calibreId: book.id,
        title: book.title,
        reason: 'Calibre lists no file for this book.',
      });
    if (files.length > 0) {
      linking.links.push({ book, files });
      linking.fileProblems.push(...problems);
    } else linking.notImported.push(...problems);
  }
  return linking;
}
