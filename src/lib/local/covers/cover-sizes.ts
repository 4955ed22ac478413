import type { PixelSize } from './image-size';

/** The replicated thumbnail, the same box and quality as the agent's (agent/covers/thumbnails.ts). */
export const SMALL_COVER = { width: 160, height: 240, quality: 0.62 } as const;

/** Refuse decompression bombs: 100 megapixels is far beyond any real cover (as the agent). */
export const MAX_COVER_PIXELS = 100_000_000;

/** The size `size` takes fitted inside `box`, never enlarged, at least 1 × 1. */
export function fitInside(size: PixelSize, box: PixelSize): PixelSize {
  const scale = Math.min(1, box.width / size.width, box.height / size.height);
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}
