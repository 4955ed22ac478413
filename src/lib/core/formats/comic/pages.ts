import type { ArchiveEntryInfo } from '../../archive/archive';

/**
 * Which archive entries are a comic's pages, and their reading order. Pages
 * are images by extension; macOS resource forks (`__MACOSX/`, `._*`), hidden
 * files, directories and names that would escape the archive are not pages.
 * The order is natural ("page2" before "page10"), ignores case, and goes
 * folder by folder: a folder's own files come before its subfolders, and
 * subfolders follow each other naturally ("ch2/" before "ch10/"). It uses
 * plain code-point comparison, never the locale, so every host agrees on the
 * order (ComicInfo's FrontCover index points into it).
 */

const PAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif|jxl|bmp)$/i;

export function isPageEntry(entry: ArchiveEntryInfo): boolean {
  if (entry.directory || entry.unsafe || entry.name.endsWith('/')) return false;
  const segments = entry.name.split('/');
  const file = segments[segments.length - 1] ?? '';
  if (segments.some(isHiddenSegment)) return false;
  return PAGE_EXTENSION.test(file);
}

/**
 * A macOS resource fork folder or a hidden file or folder. `.` alone is the
 * archive's root: `tar -cf x.cbt -C pages .` names every entry `./…`.
 */
export function isHiddenSegment(segment: string): boolean {
  return segment === '__MACOSX' || (segment.startsWith('.') && segment !== '.');
}

/** The page entries, in reading order. */
export function sortPages<T extends ArchiveEntryInfo>(entries: readonly T[]): T[] {
  return entries.filter(isPageEntry).sort((a, b) => comparePagePaths(a.name, b.name));
}

/** Natural, case-insensitive, folder by folder; a total order (ties fall back to the raw names). */
export function comparePagePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; ; i++) {
    const aFile = i === as.length - 1;
    const bFile = i === bs.length - 1;
    // A folder's own files come before anything in its subfolders.
    if (aFile !== bFile) return aFile ? -1 : 1;
    const order = aFile
      ? compareFileNames(as[i] ?? '', bs[i] ?? '')
      : compareNatural(as[i] ?? '', bs[i] ?? '');
    if (order !== 0) return order;
    if (aFile) return a < b ? -1 : a > b ? 1 : 0;
  }
}

/** The stem first, so "p1.jpg" comes before "p1-2.jpg" ('-' sorts before '.'). */
function compareFileNames(a: string, b: string): number {
  const [aStem, aExt] = splitExtension(a);
  const [bStem, bExt] = splitExtension(b);
  return compareNatural(aStem, bStem) || compareNatural(aExt, bExt);
}

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
}

const TOKEN = /\d+|\D+/g;

/** Digit runs compare as numbers (any length), the rest as lower-cased text. */
export function compareNatural(a: string, b: string): number {
  const at = a.toLowerCase().match(TOKEN) ?? [];
  const bt = b.toLowerCase().match(TOKEN) ?? [];
  for (let i = 0; i < Math.min(at.length, bt.length); i++) {
    const x = at[i] ?? '';
    const y = bt[i] ?? '';
    const order = isDigits(x) && isDigits(y) ? compareDigits(x, y) : compareText(x, y);
    if (order !== 0) return order;
  }
  return at.length - bt.length;
}

function isDigits(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** Numeric order without Number(): page numbers may be longer than 2^53. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? x.length - y.length : compareText(x, y);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
