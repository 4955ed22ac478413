import type { FormatPlatform } from '#core/formats/platform';
import { readCover } from '#core/formats/read-cover';
import type { BookFormat, CoverRef } from '#core/formats/types';
import { withFileSource } from '../files/file-source';
import { coverHash, CoverStore } from './cover-store';
import { makeThumbnails } from './thumbnails';

type Size = { width: number; height: number };

/** A book's cover, made: its hash, sizes, and the small thumbnail to replicate. */
export interface MadeCover {
  hash: string;
  original: Size;
  small: Size;
  medium: Size;
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
 * Makes both thumbnails of a cover image and stores them content-addressed;
 * throws CoverImageError when the image cannot be decoded.
 */
export async function storeCover(bytes: Uint8Array, coversDir: string): Promise<MadeCover> {
  const thumbs = await makeThumbnails(bytes);
  const hash = coverHash(bytes);
  const store = new CoverStore(coversDir);
  store.put(hash, 'small', thumbs.small.bytes);
  store.put(hash, 'medium', thumbs.medium.bytes);
  const size = (t: Size) => ({ width: t.width, height: t.height });
  return {
    hash,
    original: thumbs.original,
    small: size(thumbs.small),
    medium: size(thumbs.medium),
    smallBase64: Buffer.from(thumbs.small.bytes).toString('base64'),
  };
}
