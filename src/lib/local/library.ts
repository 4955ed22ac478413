/**
 * The library id of folders picked in this browser. Book, folder and cover
 * documents written by the in-browser scanner carry it, so they sit beside an
 * agent's documents in the same catalog without ever colliding with them.
 */
export const LOCAL_LIBRARY = 'local';

/** How a library is named next to a book, when the catalog holds more than one. */
export function libraryLabel(library: string): string {
  return library === LOCAL_LIBRARY ? 'This device' : 'Agent';
}
