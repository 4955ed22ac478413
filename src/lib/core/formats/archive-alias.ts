import type { ComicFormat } from './comic';
import type { BookFormat } from './types';

/**
 * Plain archives that may be comics: Kavita and Komga take a `.zip` of
 * images as a CBZ, and so on. Such a file is a comic only when it holds a
 * page; a zip of source code is not one.
 */
const ARCHIVE_COMIC_FORMATS: Readonly<Record<string, ComicFormat>> = {
  zip: 'cbz',
  rar: 'cbr',
  '7z': 'cb7',
  tar: 'cbt',
};

/** The comic format a plain archive's name would be read as, or undefined for other names. */
export function archiveComicFormat(name: string): ComicFormat | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  return ARCHIVE_COMIC_FORMATS[name.slice(dot + 1).toLowerCase()];
}

/** The comic format of a plain archive when that format is cataloged, else undefined. */
export function catalogedArchiveFormat(
  name: string,
  cataloged: ReadonlySet<BookFormat>,
): ComicFormat | undefined {
  const format = archiveComicFormat(name);
  return format !== undefined && cataloged.has(format) ? format : undefined;
}
