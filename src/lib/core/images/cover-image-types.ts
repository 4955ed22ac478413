/**
 * The image types a cover may arrive in from outside the library files (an
 * upload, a source's download). SVG is not among them: it is a document that
 * can carry scripts and external references, not a picture.
 */
export const COVER_IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
] as const;

export function isCoverImageType(type: string | undefined): boolean {
  return COVER_IMAGE_TYPES.some((t) => t === type);
}
