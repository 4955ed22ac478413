/**
 * Where the comics reader gets its pages, one at a time: from the agent
 * (remote-pages.ts: the archive stays on the agent's disk) or from a file in
 * this browser (blob-pages.ts: a copy kept offline, a picked folder's file).
 * Both give the same pages in the same order, so page N is the same page
 * either way, and both hand out object URLs the reader must release.
 */
export interface PageSource {
  /** How many pages, in reading order. */
  readonly count: number;
  /** The book says its pages turn right to left (ComicInfo `Manga=YesAndRightToLeft`). */
  readonly rightToLeft: boolean;
  /** An object URL of the page's image: the same one until `release(index)`. */
  pageUrl(index: number): Promise<string>;
  /** Revokes the page's URL; asking for the page again fetches or extracts it again. */
  release(index: number): void;
  /** Releases every page and whatever is held open (requests, the archive). */
  close(): void;
}

/**
 * A page, or the whole book, that cannot be shown. `scope` says which: a
 * book the agent refuses or cannot reach has no page to show, while one
 * damaged page of an archive leaves the others readable.
 */
export class PageSourceError extends Error {
  override name = 'PageSourceError';
  constructor(
    message: string,
    readonly scope: 'book' | 'page',
  ) {
    super(message);
  }
}

/** What the reader says when an archive has no page at all. */
export const NO_PAGES_MESSAGE =
  'This archive holds no pages: it has no JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP images to show.';
