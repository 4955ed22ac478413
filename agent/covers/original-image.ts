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
/** Colours are counted on about this many evenly spaced pixels. */
const SAMPLE_PIXELS = 256 * 384;

const view = (buffer: Buffer) =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

type Raw = { data: Uint8Array; width: number; height: number };

/**
 * Whether the image uses transparency, or has so few colours that it is
 * drawn rather than photographed; judged on an evenly spaced sample of its
 * RGBA pixels.
 */
function wantsPng({ data, width, height }: Raw): boolean {
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / SAMPLE_PIXELS)));
  const colours = new Set<number>();
  for (let y = 0; y < height; y += step)
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
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

/**
 * PNG for transparency and line art, else JPEG at a quality that keeps the
 * picture. The image is decoded (an SVG drawn) once, to raw pixels both the
 * choice and the encoding read.
 */
async function encode(image: Sharp): Promise<OriginalImage> {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixelData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const raw = { width: info.width, height: info.height, channels: 4 as const };
  const pixels = sharp(data, { raw });
  if (wantsPng({ data: pixelData, width: info.width, height: info.height }))
    return { bytes: view(await pixels.png().toBuffer()), format: 'png' };
  const jpeg = await pixels.flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer();
  return { bytes: view(jpeg), format: 'jpeg' };
}
