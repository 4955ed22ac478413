/** A Calibre library that cannot be imported, and what to do about it. */
export class CalibreLibraryError extends Error {
  override name = 'CalibreLibraryError';
  constructor(
    /** The path the user gave. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
