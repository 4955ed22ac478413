/** A MOBI that was read but could not be turned into an EPUB; the message says why, for the user. */
export class ConversionError extends Error {
  override name = 'ConversionError';
}
