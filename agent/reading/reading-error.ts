/** Why the reader cannot have what it asked for; each code is one HTTP answer (see reading-api). */
export type ReadingProblem =
  /** No book has this id. */
  | 'unknown-book'
  /** The book is cataloged but none of its files is on disk. */
  | 'file-missing'
  /** The book's format is not what the route reads (pages of a PDF, an EPUB of a comic). */
  | 'wrong-format'
  /** A page index past the last page. */
  | 'no-such-page'
  /** The file could not be read as what it claims to be (damaged, encrypted, too large). */
  | 'unreadable'
  /** A MOBI with DRM: nothing but the app it was bought for can read it. */
  | 'drm'
  /** A MOBI that could be read but not turned into an EPUB. */
  | 'conversion-failed';

/** A reading refusal, with a sentence the user can act on. */
export class ReadingError extends Error {
  override name = 'ReadingError';
  constructor(
    readonly problem: ReadingProblem,
    message: string,
  ) {
    super(message);
  }
}

export const DRM_MESSAGE =
  'This book is protected by DRM; Colophon cannot open it. Download it to read it in the app it was bought for.';
