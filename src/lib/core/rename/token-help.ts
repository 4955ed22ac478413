import type { TokenName } from './tokens';

/** One row of the token table the rename screen shows. */
export interface TokenHelp {
  token: TokenName;
  description: string;
  example: string;
}

export const TOKEN_HELP: readonly TokenHelp[] = [
  { token: 'title', description: 'Title', example: 'The Hobbit' },
  {
    token: 'title.sort',
    description: 'Title with a leading article moved to the end',
    example: 'Hobbit, The',
  },
  { token: 'author.name', description: 'First author', example: 'J. R. R. Tolkien' },
  {
    token: 'author.sortname',
    description: 'First author, last name first',
    example: 'Tolkien, J. R. R.',
  },
  {
    token: 'authors',
    description: 'All authors, joined with " & "',
    example: 'Terry Pratchett & Neil Gaiman',
  },
  { token: 'bookseries.title', description: 'Series name', example: 'Discworld' },
  {
    token: 'bookseries.number',
    description: 'Position in the series; :02 pads it',
    example: '2.5 (:02 → 02.5)',
  },
  { token: 'publicationyear', description: 'Year of publication', example: '1937' },
  { token: 'language', description: 'First language, as tagged', example: 'en' },
  { token: 'publisher', description: 'Publisher', example: 'Allen & Unwin' },
  {
    token: 'isbn',
    description: 'ISBN-13, digits only (an ISBN-10 is converted)',
    example: '9780261102217',
  },
  { token: 'format', description: 'Book format', example: 'epub' },
  {
    token: 'ext',
    description: "The file's extension; every pattern ends with .${ext}",
    example: 'epub',
  },
];

/** The pattern syntax, as short paragraphs for the rename screen, each with a pattern to try. */
export const GRAMMAR_HELP: readonly { title: string; text: string; example: string }[] = [
  {
    title: 'Tokens',
    text: 'Write ${token} for a value of the book, e.g. ${author.sortname}/${title}.${ext}. A / starts a folder. A value never makes a folder: a "/" in a title becomes "-".',
    example: '${author.sortname}/${title}.${ext}',
  },
  {
    title: 'Formats',
    text: '${bookseries.number:02} pads to two digits (2 → 02, 2.5 → 02.5). Any token takes :upper, :lower or :initial (its first letter, for A/B/C shelves).',
    example:
      '${author.sortname:initial}/${bookseries.title}/${bookseries.number:02} - ${title}.${ext}',
  },
  {
    title: 'Missing values',
    text: 'An empty token takes the separators and brackets around it along ("${author.name} - ${title}" gives "Title"; "(${publicationyear})" disappears), and a folder made only of it disappears. The preview lists these books.',
    example: '${author.sortname}/${bookseries.title}/${title}.${ext}',
  },
  {
    title: 'Optional groups',
    text: 'Square brackets make a group that appears only when every token in it has a value: ${title}[ (${publicationyear})].${ext}. Groups are quiet: their empty tokens are not reported. Groups may hold folders: [${bookseries.title}/].',
    example: '${author.sortname}/[${bookseries.title}/]${title}[ (${publicationyear})].${ext}',
  },
  {
    title: 'Literal characters',
    text: 'Write \\$, \\[, \\] or \\\\ for the character itself. Characters the target file system forbids are replaced (":" → " - ", "?" removed on Windows).',
    example: '\\[${language}\\] ${title}.${ext}',
  },
  {
    title: 'Rules',
    text: 'A pattern is relative to the library folder (no leading /, no ".." folder) and ends with .${ext} so every file keeps its type.',
    example: '${title}.${ext}',
  },
];
