import type { MissingBook } from '#core/api/maintenance';

const LISTED = 3;

/** The confirmation of a removal: which books, what goes, what stays, and the way back. */
export function removalBody(books: readonly MissingBook[], unreachable: number): string {
  const named = books
    .slice(0, LISTED)
    .map((b) => `“${b.title}”`)
    .join(', ');
  const more = books.length > LISTED ? ` and ${books.length - LISTED} more` : '';
  const away =
    unreachable > 0 ? ' Books of folders that cannot be reached now are not touched.' : '';
  const one = books.length === 1;
  return (
    `${named}${more} will leave the catalog on every device. ${one ? 'Its file is' : 'Their files are'} ` +
    `already gone from disk; nothing else is deleted. Undo puts ${one ? 'it' : 'them'} back, ` +
    `with ${one ? 'its' : 'their'} edits.${away}`
  );
}

/** "1 book here is kept as it is": the books of an unreachable folder, left alone. */
export function keptWords(count: number): string {
  return count === 1 ? '1 book here is kept as it is' : `${count} books here are kept as they are`;
}
