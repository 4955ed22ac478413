import sharp from 'sharp';
import type { CoverQuality } from '#core/images/cover-quality';
import { TINY_PIXELS } from '#core/images/cover-rank';
import { MAX_COVER_PIXELS } from '#core/images/cover-sizes';
import type { OriginalImage } from './original-image';

const LIMIT = { limitInputPixels: MAX_COVER_PIXELS, failOn: 'error' } as const;
/** A picture whose every channel varies less than this (standard deviation, 0–255) is blank. */
const UNIFORM_DEVIATION = 6;

/** The grey grid the fingerprint compares: 9 × 8 cells, each the mean of 8 × 8 pixels. */
const CELLS = { x: 9, y: 8, side: 8 };

/**
 * A 64-bit difference hash: the original, upright and flattened on white,
 * shrunk to a grey 72 × 64 and averaged into 9 × 8 cells, one bit for each
 * pair of neighbouring cells (is the left one brighter). Averaging over
 * cells keeps resampling noise out, so the same picture at another size or
 * compression gives the same bits, or very nearly.
 */
async function fingerprint(original: Uint8Array): Promise<string> {
  const width = CELLS.x * CELLS.side;
  const { data } = await sharp(original, LIMIT)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize(width, CELLS.y * CELLS.side, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const cell = (cx: number, cy: number) => {
    let sum = 0;
    for (let y = cy * CELLS.side; y < (cy + 1) * CELLS.side; y++)
      for (let x = cx * CELLS.side; x < (cx + 1) * CELLS.side; x++) sum += data[y * width + x] ?? 0;
    return sum;
  };
  let bits = 0n;
  for (let y = 0; y < CELLS.y; y++)
    for (let x = 0; x < CELLS.x - 1; x++)
      bits = (bits << 1n) | (cell(x, y) > cell(x + 1, y) ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

/** Whether the picture is one flat colour (a blank answer), judged on a small copy. */
async function isUniform(original: Uint8Array): Promise<boolean> {
  const stats = await sharp(original, LIMIT)
    .flatten({ background: '#ffffff' })
    .resize(64, 96, { fit: 'fill' })
    .stats();
  return stats.channels.every((c) => c.stdev < UNIFORM_DEVIATION);
}

/** What ranking needs to know of a stored original (see #core/images/cover-rank). */
export async function assessCover(
  original: OriginalImage,
  size: { width: number; height: number },
): Promise<CoverQuality> {
  const [print, uniform] = await Promise.all([
    fingerprint(original.bytes),
    isUniform(original.bytes),
  ]);
  return {
    bytes: original.bytes.byteLength,
    format: original.format,
    fingerprint: print,
    placeholder: uniform || size.width * size.height < TINY_PIXELS,
  };
}
