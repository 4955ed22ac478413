import type { FormatPlatform } from '#core/formats/platform';
import { readCover } from '#core/formats/read-cover';
import type { BookFormat, CoverRef } from '#core/formats/types';
import type { CoverQuality } from '#core/images/cover-quality';
import { CoverImageError } from '#core/images/cover-image-error';
import { withFileSource } from '../files/file-source';
import { assessCover } from './cover-assessment';
import { coverHash, CoverStore } from './cover-store';
import { originalImage } from './original-image';
import { makeThumbnails } from './thumbnails';

type Size = { width: number; height: number };

/** A book's cover, made: its hash, sizes, quality, and the small thumbnail to replicate. */
export interface MadeCover {
  hash: string;
  original: Size;
  small: Size;
  medium: Size;
  quality: CoverQuality;
  /** The small WebP thumbnail, base64 (it travels as a document attachment). */
  smallBase64: string;
}

/**
 * Reads the cover a parser pointed at, makes both thumbnails and stores them
 * content-addressed. Undefined when the file's cover is not an image; throws
 * CoverImageError when the image cannot be decoded.
 */
export async function makeCover(
  path: string,
  format: BookFormat,
  ref: CoverRef,
  coversDir: string,
  platform: FormatPlatform,
): Promise<MadeCover | undefined> {
  const image = await withFileSource(path, (source) => readCover(source, format, ref, platform));
  return image ? storeCover(image.bytes, coversDir) : undefined;
}

/**
 * Keeps a cover's original (as JPEG or PNG, see originalImage), makes both
 * thumbnails from it and stores all three under the hash of the bytes as
 * found; throws CoverImageError when the image cannot be decoded.
 */
export async function storeCover(bytes: Uint8Array, coversDir: string): Promise<MadeCover> {
  const original = await originalImage(bytes).catch((error: unknown) => {
    throw new CoverImageError(
      `The cover image cannot be decoded (${error instanceof Error ? error.message : String(error)}).`,
    );
  });
  const thumbs = await makeThumbnails(original.bytes);
  const quality = await assessCover(original, thumbs.original);
  const hash = coverHash(bytes);
  const store = new CoverStore(coversDir);
  store.putOriginal(hash, original.format, original.bytes);
  store.put(hash, 'small', thumbs.small.bytes);
  store.put(hash, 'medium', thumbs.medium.bytes);
  const size = (t: Size) => ({ width: t.width, height: t.height });
  return {
    hash,
    original: thumbs.original,
    small: size(thumbs.small),
    medium: size(thumbs.medium),
    quality,
    smallBase64: Buffer.from(thumbs.small.bytes).toString('base64'),
  };
}
