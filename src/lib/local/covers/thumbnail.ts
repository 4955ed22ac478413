import type { RasterImage } from '#core/formats/platform';
import { CoverImageError } from '#core/images/cover-image-error';
import { COVER_SIZES, fitInside, MAX_COVER_PIXELS, type PixelSize } from '#core/images/cover-sizes';
import { imageSize } from './image-size';

export interface Thumbnail {
  original: PixelSize;
  small: PixelSize;
  /** WebP where the browser encodes it (Chromium, Firefox); PNG otherwise. */
  blob: Blob;
}

/**
 * The cover decoded straight to thumbnail size, upright (EXIF orientation
 * applied), on an OffscreenCanvas. The decoder does the resize, at high
 * quality and without a full-size canvas; a 1400 × 2100 cover costs a
 * fraction of drawing it whole.
 */
async function shrink(file: Blob, original: PixelSize | undefined): Promise<OffscreenCanvas> {
  const size = original ?? (await decodedSize(file));
  const box = fitInside(size, COVER_SIZES.small);
  const bitmap = await createImageBitmap(file, {
    resizeWidth: box.width,
    resizeHeight: box.height,
    resizeQuality: 'high',
    imageOrientation: 'from-image',
  });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

async function decodedSize(file: Blob): Promise<PixelSize> {
  const bitmap = await createImageBitmap(file);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

/**
 * WebP at the agent's quality, straight from the thumbnail-sized canvas.
 * Where the browser has no WebP encoder (Safari), convertToBlob gives PNG.
 */
function encode(canvas: OffscreenCanvas): Promise<Blob> {
  return canvas.convertToBlob({ type: 'image/webp', quality: COVER_SIZES.small.quality / 100 });
}

/**
 * The small thumbnail of a cover image (160 × 240 at most, upright, never
 * enlarged), made in a worker. Throws CoverImageError for an image that
 * cannot be decoded, or that declares more pixels than any cover has (a
 * decompression bomb is refused before anything is allocated for it).
 */
export async function makeThumbnail(image: RasterImage): Promise<Thumbnail> {
  const declared = imageSize(image.bytes, image.mediaType);
  if (declared && declared.width * declared.height > MAX_COVER_PIXELS) {
    throw new CoverImageError(
      `The cover image declares ${declared.width} × ${declared.height} pixels, far more than a ` +
        'cover needs; it was not decoded.',
    );
  }
  const file = new Blob([image.bytes as Uint8Array<ArrayBuffer>], { type: image.mediaType });
  try {
    const original = declared ?? (await decodedSize(file));
    const canvas = await shrink(file, original);
    const small = { width: canvas.width, height: canvas.height };
    return { original, small, blob: await encode(canvas) };
  } catch (error) {
    throw new CoverImageError(
      `The cover image cannot be decoded (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}
