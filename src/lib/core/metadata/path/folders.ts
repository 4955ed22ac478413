import type { Person } from '../types';
import { extractGroups } from './bracket-groups';
import { cleanName } from './clean-name';
import type { NameGuess } from './file-name';
import { isGenericFolder } from './generic-folders';
import { looksLikePeople, readAuthors } from './people';
import { withoutVolume } from './series-ref';

/** What the folders above a file say, for the fields its own name left open. */
export interface FolderGuess {
  title?: string;
  authors?: Person[];
  seriesName?: string;
}

/** calibre's `Author/Title (id)/Title - Author.ext`: the folder's title and author. */
export interface CalibreLayout {
  title: string;
  author: string;
}

/** A folder name as words, brackets dropped: "Saga (2012)" → "Saga", "New folder (2)" → "New folder". */
export function folderName(raw: string): string {
  return extractGroups(cleanName(raw)).bare;
}

/**
 * Recognises calibre's layout: the parent is "Title (123)" with calibre's
 * book id, the grandparent the author, and the file "Title - Author". The
 * id suffix alone is not enough ("Saga (2012)"): the file must repeat the
 * folder's title or end with its author.
 */
export function calibreLayout(dirs: readonly string[], stem: string): CalibreLayout | undefined {
  const parent = dirs[dirs.length - 1];
  const grand = dirs[dirs.length - 2];
  if (parent === undefined || grand === undefined || !hasCalibreId(parent)) return undefined;
  const title = folderName(parent);
  const author = folderName(grand);
  if (!title || !author || isGenericFolder(author)) return undefined;
  const file = extractGroups(cleanName(stem)).bare.toLowerCase();
  if (!file.includes(' - ')) return undefined;
  const repeats =
    file.startsWith(`${title.toLowerCase()} - `) || file.endsWith(` - ${author.toLowerCase()}`);
  return repeats ? { title, author } : undefined;
}

function hasCalibreId(raw: string): boolean {
  const name = raw.trim();
  const open = name.lastIndexOf(' (');
  return open > 0 && name.endsWith(')') && /^\d+$/.test(name.slice(open + 2, -1));
}

/**
 * Reads the folders above a file:
 * - calibre's layout gives the title and the author;
 * - for comics, the parent names the series when the file did not ("Saga/012.cbz"),
 *   without a volume marker ("Saga v2" → "Saga");
 * - for books, "Author/Series/03 - Title": a numbered file without a series
 *   name takes its parent as the series and a person-like grandparent as the
 *   author; a parent that repeats the file's series defers to the grandparent
 *   for the author; otherwise a person-like parent is the author.
 * Generic folders ("Books", "Comics", a year, "A") never count.
 */
export function guessFromFolders(
  dirs: readonly string[],
  name: NameGuess,
  options: { comic: boolean; calibre?: CalibreLayout },
): FolderGuess {
  if (options.calibre) {
    const authors = readAuthors(options.calibre.author);
    return authors ? { title: options.calibre.title, authors } : { title: options.calibre.title };
  }
  const parent = usable(dirs[dirs.length - 1]);
  const grand = usable(dirs[dirs.length - 2]);
  if (options.comic) {
    if (name.seriesName || !parent) return {};
    return { seriesName: withoutVolume(parent.split(' ')).join(' ') };
  }
  const grandAuthor = grand && looksLikePeople(grand) ? readAuthors(grand) : undefined;
  if (parent && name.seriesNumber !== undefined && !name.seriesName && !looksLikePeople(parent)) {
    return grandAuthor ? { seriesName: parent, authors: grandAuthor } : { seriesName: parent };
  }
  if (parent && name.seriesName && parent.toLowerCase() === name.seriesName.toLowerCase()) {
    return grandAuthor ? { authors: grandAuthor } : {};
  }
  const parentAuthor = parent && looksLikePeople(parent) ? readAuthors(parent) : undefined;
  return parentAuthor ? { authors: parentAuthor } : {};
}

function usable(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = folderName(raw);
  return name && !isGenericFolder(name) ? name : undefined;
}
