import sharp, { type Sharp } from 'sharp';

export const COVER_SIZES = {
  /** Replicated with the book: small enough for 100,000 books in a browser. */
  small: { width: 160, height: 240, quality: 62 },
  /** Fetched from the agent for book pages. */
  medium: { width: 480, height: 720, quality: 78 },
} as const;
export type CoverSize = keyof typeof COVER_SIZES;

export interface Thumbnails {
  original: { width: number; height: number };
  small: { bytes: Uint8Array; width: number; height: number };
  medium: { bytes: Uint8Array; width: number; height: number };
}

/** A cover that is not a usable image: the book gets a generated placeholder instead. */
export class CoverImageError extends Error {
  override name = 'CoverImageError';
}

async function resize(image: Sharp, size: (typeof COVER_SIZES)[CoverSize]) {
  const { data, info } = await image
    .clone()
    .resize({ width: size.width, height: size.height, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: size.quality, effort: 2 })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/** WebP thumbnails in both sizes, upright (EXIF orientation applied), never larger than the original. */
export async function makeThumbnails(bytes: Uint8Array): Promise<Thumbnails> {
  try {
    // Refuse decompression bombs: 100 megapixels is far beyond any real cover.
    const image = sharp(bytes, { limitInputPixels: 100_000_000, failOn: 'error' }).rotate();
    const meta = await image.metadata();
    if (!meta.width || !meta.height) throw new Error('the image has no dimensions');
    const [small, medium] = await Promise.all([
      resize(image, COVER_SIZES.small),
      resize(image, COVER_SIZES.medium),
    ]);
    return { original: { width: meta.width, height: meta.height }, small, medium };
  } catch (error) {
    throw new CoverImageError(
      `The cover image cannot be decoded (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}
