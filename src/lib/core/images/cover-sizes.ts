/** A picture's width and height in pixels. */
export interface PixelSize {
  width: number;
  height: number;
}

/** The cover thumbnails, as both hosts make them (WebP quality from 0 to 100). */
export const COVER_SIZES = {
  /** Replicated with the book: small enough for 100,000 books in a browser. */
  small: { width: 160, height: 240, quality: 62 },
  /** Fetched from the agent for book pages (a browser without an agent makes only the small one). */
  medium: { width: 480, height: 720, quality: 78 },
} as const;
export type CoverSize = keyof typeof COVER_SIZES;

/** Refuse decompression bombs: 100 megapixels is far beyond any real cover. */
export const MAX_COVER_PIXELS = 100_000_000;

/** The size `size` takes fitted inside `box`, never enlarged, at least 1 × 1. */
export function fitInside(size: PixelSize, box: PixelSize): PixelSize {
  const scale = Math.min(1, box.width / size.width, box.height / size.height);
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

/** The size in a cover address that asks for the full-size original rather than a thumbnail. */
export const ORIGINAL_COVER = 'original';
