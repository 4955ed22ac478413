import sharp, { type Sharp } from 'sharp';
import type { OriginalFormat } from '#core/images/cover-quality';
import { MAX_COVER_PIXELS } from '#core/images/cover-sizes';
import { sniffImageType } from '#core/images/image-type';
import { decodeBmp } from './bmp-decode';

/** A cover's original as it is kept: JPEG or PNG bytes. */
export interface OriginalImage {
  bytes: Uint8Array;
  format: OriginalFormat;
}

const LIMIT = { limitInputPixels: MAX_COVER_PIXELS, failOn: 'error' } as const;
/** An SVG is drawn at its own size, but no larger than this on its long side. */
const MAX_SVG_SIDE = 3000;
/** A picture with this few colours is line art (or a palette image): PNG keeps it exact. */
const LINE_ART_COLOURS = 256;
/** Colours are counted on a nearest-neighbour sample no larger than this. */
const SAMPLE = { width: 256, height: 384 };

const view = (buffer: Buffer) =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** Whether the image uses transparency, or has so few colours that it is drawn rather than photographed. */
async function wantsPng(image: Sharp): Promise<boolean> {
  const { data, info } = await image
    .clone()
    .ensureAlpha()
    .resize({ ...SAMPLE, fit: 'inside', withoutEnlargement: true, kernel: 'nearest' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) {
    if ((data[i + 3] ?? 255) < 255) return true;
    colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    if (colours.size > LINE_ART_COLOURS) return false;
  }
  return true;
}

/**
 * The original a cover is kept as. JPEG and PNG are kept byte for byte; any
 * other format (WebP, GIF, BMP, AVIF, an EPUB's SVG) is converted once, to
 * PNG when it is transparent or line art, else to a high-quality JPEG, so
 * later crops and thumbnails start from the best copy there is. Throws when
 * the image cannot be decoded.
 */
export async function originalImage(bytes: Uint8Array): Promise<OriginalImage> {
  const type = sniffImageType(bytes);
  if (type === 'image/jpeg') return { bytes, format: 'jpeg' };
  if (type === 'image/png') return { bytes, format: 'png' };
  if (type === 'image/bmp') {
    const { data, ...raw } = decodeBmp(bytes, MAX_COVER_PIXELS);
    return encode(sharp(data, { raw }));
  }
  const meta = await sharp(bytes, LIMIT).metadata();
  if (!meta.width || !meta.height) throw new Error('the image has no dimensions');
  let image: Sharp;
  if (meta.format === 'svg') {
    const scale = Math.min(1, MAX_SVG_SIDE / Math.max(meta.width, meta.height));
    image = sharp(bytes, { ...LIMIT, density: (meta.density ?? 72) * scale });
  } else {
    image = sharp(bytes, LIMIT);
  }
  // Upright, as it is seen: the orientation tag does not survive every conversion.
  return encode(image.rotate());
}

/** PNG for transparency and line art, else JPEG at a quality that keeps the picture. */
async function encode(image: Sharp): Promise<OriginalImage> {
  if (await wantsPng(image)) return { bytes: view(await image.png().toBuffer()), format: 'png' };
  const jpeg = await image
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return { bytes: view(jpeg), format: 'jpeg' };
}
