/**
 * What the reading page and its readers (EPUB, PDF, comics) agree on. Each
 * reader gets the book's bytes from a ReaderSource, starts at a locator when
 * there is one, and reports where the reader is as it moves.
 */

/** Where a reader gets the book from. */
export type ReaderSource =
  /**
   * The agent: `url` is the file (HTTP Range works on it; a MOBI's is its
   * converted EPUB); comics read their pages one at a time through the pages
   * API by `bookId` instead of fetching `url`.
   */
  | { kind: 'remote'; bookId: string; url: string }
  /** The whole file in this browser: a copy kept offline, or a file of a picked folder. */
  | { kind: 'blob'; blob: Blob };

/** Which reader opens a book. MOBI and AZW3 open in the EPUB reader (converted by the agent). */
export type ReaderKind = 'epub' | 'pdf' | 'comic';

/**
 * A position in a book. `locator` is the reader's own: an EPUB CFI
 * (`epubcfi(...)`), or `page:N` (0-based) for PDFs and comics. `percentage`
 * is 0..1. `atEnd` is true on the last page (the book counts as finished).
 */
export interface ReaderLocation {
  locator: string;
  percentage: number;
  /** What the reader shows of where it is: "Chapter 3 · 42%", "Page 12 of 120". */
  label: string;
  atEnd: boolean;
}

/** The props every reader component takes. */
export interface ReaderProps {
  source: ReaderSource;
  title: string;
  /** Where to start (a locator this kind of reader wrote), else the beginning. */
  start?: string;
  /** Called as the reader moves (the page throttles what it saves). */
  onlocation: (location: ReaderLocation) => void;
  /** The book cannot be shown: what to tell the user. */
  onfailure: (message: string) => void;
}

/**
 * The performance mark every reader sets once a page is drawn and on screen
 * (detail: `{ page }` for PDFs and comics), so tests and `npm run bench --
 * reader` time what the user sees rather than when the location changed.
 */
export const PAGE_SHOWN_MARK = 'colophon:page-shown';
