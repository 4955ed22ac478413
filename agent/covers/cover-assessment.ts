import sharp from 'sharp';
import type { CoverQuality } from '#core/images/cover-quality';
import { TINY_PIXELS } from '#core/images/cover-rank';
import { MAX_COVER_PIXELS } from '#core/images/cover-sizes';
import type { OriginalImage } from './original-image';

const LIMIT = { limitInputPixels: MAX_COVER_PIXELS, failOn: 'error' } as const;
/** A picture whose every channel varies less than this (standard deviation, 0–255) is blank. */
const UNIFORM_DEVIATION = 6;

/**
 * A 64-bit difference hash: the original, upright and flattened on white,
 * shrunk to 9 × 8 grey pixels, one bit for each pair of neighbours (is the
 * left one brighter). The same picture at another size or compression gives
 * the same bits, or very nearly.
 */
async function fingerprint(original: Uint8Array): Promise<string> {
  const { data } = await sharp(original, LIMIT)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize(9, 8, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let bits = 0n;
  for (let y = 0; y < 8; y++)
    for (let x = 0; x < 8; x++)
      bits = (bits << 1n) | ((data[y * 9 + x] ?? 0) > (data[y * 9 + x + 1] ?? 0) ? 1n : 0n);
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
