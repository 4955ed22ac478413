/** A cover that is not a usable image: the book gets a generated placeholder instead. */
export class CoverImageError extends Error {
  override name = 'CoverImageError';
}
