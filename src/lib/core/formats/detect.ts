import { BOOK_FORMATS, type BookFormat } from './types';

/** The format a file name claims, from its extension; undefined for files we do not catalog. */
export function formatFromName(name: string): BookFormat | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = name.slice(dot + 1).toLowerCase();
  return (BOOK_FORMATS as readonly string[]).includes(ext) ? (ext as BookFormat) : undefined;
}
