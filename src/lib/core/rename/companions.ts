import { BOOK_FORMATS } from '../formats/types';

/**
 * Files that belong to a book and move with it: sidecars with the book's stem
 * ("Dune.opf", "Dune.jpg", "Dune.nfo"), and calibre-style folder files
 * ("cover.jpg", "metadata.opf") when the folder holds that one book only.
 */
export interface Companion {
  /** The file name as found in the book's folder. */
  name: string;
  kind: 'same-stem' | 'folder';
  /** For same-stem companions, what follows the stem (".opf", ".JPG"). */
  rest: string;
}

/** Extensions of files that are books themselves, so never someone's companion. */
export const BOOK_EXTENSIONS: ReadonlySet<string> = new Set<string>([
  ...BOOK_FORMATS,
  'azw',
  'kepub',
  'fb2',
  'djvu',
  'prc',
  'lit',
  'lrf',
]);
const SAME_STEM = new Set(['opf', 'jpg', 'jpeg', 'png', 'webp', 'gif', 'nfo']);
const FOLDER_FILE = /^(cover\.(jpe?g|png|webp)|metadata\.opf)$/i;

export function splitName(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  // ".hidden" has no extension; "Dune." has an empty one.
  return dot <= 0
    ? { stem: name, ext: '' }
    : { stem: name.slice(0, dot), ext: name.slice(dot + 1) };
}

export function isBookFile(name: string): boolean {
  return BOOK_EXTENSIONS.has(splitName(name).ext.toLowerCase());
}

/** What a folder holds, indexed once for all the books in it. */
export interface FolderIndex {
  /** Book files in the folder. */
  books: number;
  /** Possible same-stem companions by (folded) stem. */
  byStem: Map<string, string[]>;
  /** cover.jpg, metadata.opf and the like. */
  folderFiles: string[];
}

/** Indexes a folder's file names (siblings and the books themselves; repeats are fine). */
export function indexFolder(names: Iterable<string>, caseInsensitive: boolean): FolderIndex {
  const index: FolderIndex = { books: 0, byStem: new Map(), folderFiles: [] };
  for (const name of new Set(names)) {
    const { stem, ext } = splitName(name);
    const lower = ext.toLowerCase();
    if (BOOK_EXTENSIONS.has(lower)) index.books++;
    else if (SAME_STEM.has(lower)) {
      const key = caseInsensitive ? stem.toLowerCase() : stem;
      index.byStem.set(key, [...(index.byStem.get(key) ?? []), name]);
    }
    if (FOLDER_FILE.test(name)) index.folderFiles.push(name);
  }
  return index;
}

/** The companions of the book `fileName` in an indexed folder, sorted by name. */
export function companionsOf(
  fileName: string,
  folder: FolderIndex,
  caseInsensitive: boolean,
): Companion[] {
  const stem = splitName(fileName).stem;
  const sameStem = folder.byStem.get(caseInsensitive ? stem.toLowerCase() : stem) ?? [];
  const found: Companion[] = sameStem.map((name) => ({
    name,
    kind: 'same-stem',
    rest: name.slice(stem.length),
  }));
  if (folder.books <= 1)
    for (const name of folder.folderFiles)
      if (!sameStem.includes(name)) found.push({ name, kind: 'folder', rest: '' });
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Where a folder companion goes. It keeps its name ("cover.jpg") when the book
 * gets a folder of its own; in a shared folder it takes the book's new stem
 * ("Dune.jpg"), or "Dune - cover.jpg" when a same-stem file already has that name.
 */
export function folderCompanionRest(
  companion: Companion,
  all: readonly Companion[],
  caseInsensitive: boolean,
): string {
  const ext = `.${splitName(companion.name).ext}`;
  const fold = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const clash = all.some(
    (c) =>
      c !== companion &&
      (c.kind === 'same-stem'
        ? fold(c.rest) === fold(ext)
        : fold(`.${splitName(c.name).ext}`) === fold(ext) && c.name < companion.name),
  );
  return clash ? ` - ${companion.name}` : ext;
}
