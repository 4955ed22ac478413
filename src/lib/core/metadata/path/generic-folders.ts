// Folder names that sort a library rather than name an author or a series.
// Compared lower-cased, after brackets are dropped ("New folder (2)").
const GENERIC = new Set([
  'books',
  'book',
  'ebooks',
  'ebook',
  'e-books',
  'e-book',
  'comics',
  'comic',
  'comic books',
  'graphic novels',
  'manga',
  'magazines',
  'audiobooks',
  'downloads',
  'download',
  'library',
  'calibre library',
  'my books',
  'kindle',
  'documents',
  'epub',
  'epubs',
  'pdf',
  'pdfs',
  'mobi',
  'azw3',
  'cbz',
  'cbr',
  'new folder',
  'untitled folder',
  'misc',
  'other',
  'others',
  'unsorted',
  'inbox',
  'import',
  'imports',
  'temp',
  'tmp',
  'to read',
  'read',
  'unread',
  'fiction',
  'non-fiction',
  'nonfiction',
  'novels',
  'fantasy',
  'science fiction',
  'sci-fi',
  'scifi',
  'horror',
  'mystery',
  'thriller',
  'romance',
  'crime',
  'classics',
  'poetry',
  'biography',
  'history',
  'science',
  'young adult',
  'children',
  'unknown',
  'various',
  'anthologies',
]);

/**
 * True for folders that never name an author or a series: shelves like
 * "Books" or "Comics", formats, genres, "New folder", a year, an initial
 * ("A", "0-9", "A-Z"), or anything without letters.
 */
export function isGenericFolder(name: string): boolean {
  const lower = name.toLowerCase().trim();
  if (GENERIC.has(lower)) return true;
  if (!/\p{L}/u.test(lower)) return true;
  if (lower.length <= 2 && [...lower].length === 1) return true;
  return /^[\p{L}\d]\s?[-–]\s?[\p{L}\d]$/u.test(lower);
}
