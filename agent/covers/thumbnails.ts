import sharp, { type Sharp } from 'sharp';
import { CoverImageError } from '#core/images/cover-image-error';
import { COVER_SIZES, MAX_COVER_PIXELS, type CoverSize } from '#core/images/cover-sizes';
import { shrinkEmbeddedBitmaps } from './svg-embedded';

export interface Thumbnails {
  original: { width: number; height: number };
  small: { bytes: Uint8Array; width: number; height: number };
  medium: { bytes: Uint8Array; width: number; height: number };
}

type Box = { width: number; height: number };

const fit = (size: Box) => ({ ...size, fit: 'inside' as const, withoutEnlargement: true });

// Thumbnails are made once and stored: libvips' operation cache only holds memory.
sharp.cache(false);

const LIMIT = { limitInputPixels: MAX_COVER_PIXELS, failOn: 'error' } as const;

/**
 * Opens the image; an SVG (Standard Ebooks covers are) is rasterised at just
 * the density the medium thumbnail needs, not at its full declared size, with
 * the bitmaps it embeds shrunk to that size first.
 */
async function open(bytes: Uint8Array): Promise<{ image: Sharp; width: number; height: number }> {
  const meta = await sharp(bytes, LIMIT).metadata();
  if (!meta.width || !meta.height) throw new Error('the image has no dimensions');
  let image = sharp(bytes, LIMIT);
  if (meta.format === 'svg') {
    const scale = Math.min(
      1,
      COVER_SIZES.medium.width / meta.width,
      COVER_SIZES.medium.height / meta.height,
    );
    const lighter = await shrinkEmbeddedBitmaps(bytes, COVER_SIZES.medium, LIMIT);
    image = sharp(lighter ?? bytes, {
      ...LIMIT,
      density: Math.max(1, (meta.density ?? 72) * scale),
    });
  }
  return { image: image.rotate(), width: meta.width, height: meta.height };
}

/**
 * WebP thumbnails in both sizes, upright (EXIF orientation applied), never
 * larger than the original. The original is decoded once (JPEGs shrink while
 * decoding), to a raw medium-size raster that both thumbnails are cut from.
 */
export async function makeThumbnails(bytes: Uint8Array): Promise<Thumbnails> {
  try {
    const { image, ...original } = await open(bytes);
    const { data: raw, info } = await image
      .resize(fit(COVER_SIZES.medium))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const rawInput = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const encode = async (size: (typeof COVER_SIZES)[CoverSize]) => {
      const out = await sharp(raw, rawInput)
        .resize(fit(size))
        .webp({ quality: size.quality, effort: 2 })
        .toBuffer({ resolveWithObject: true });
      const view = new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
      return { bytes: view, width: out.info.width, height: out.info.height };
    };
    const [small, medium] = await Promise.all([
      encode(COVER_SIZES.small),
      encode(COVER_SIZES.medium),
    ]);
    return { original, small, medium };
  } catch (error) {
    throw new CoverImageError(
      `The cover image cannot be decoded (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}
