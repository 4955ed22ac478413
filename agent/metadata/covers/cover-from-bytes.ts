import sharp from 'sharp';
import { CoverImageError } from '#core/images/cover-image-error';
import { MAX_COVER_PIXELS } from '#core/images/cover-sizes';
import { isCoverImageType } from '#core/images/cover-image-types';
import { sniffImageType } from '#core/images/image-type';
import { storeCover, type MadeCover } from '../../covers/make-cover';

/** What sharp calls the same formats (AVIF is read by its HEIF loader). */
const SHARP_FORMATS: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

/**
 * Makes a cover from image bytes sent by the agent (base64: it crosses the
 * process boundary as JSON). Runs in a reader process: the bytes came from
 * the network or a browser, and decoding them is what a hostile image
 * attacks. Checked twice, by magic bytes and by what libvips makes of them,
 * then kept as its original (converted once unless JPEG or PNG) and decoded
 * in full for both thumbnails; throws CoverImageError with the
 * reason when any of that fails.
 */
export async function coverFromBytes(base64: string, coversDir: string): Promise<MadeCover> {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (!isCoverImageType(sniffImageType(bytes)))
    throw new CoverImageError('The file is not a JPEG, PNG, WebP, GIF or AVIF image.');
  const format = await sharp(bytes, { limitInputPixels: MAX_COVER_PIXELS })
    .metadata()
    .then((meta) => meta.format as string | undefined)
    .catch(() => undefined);
  if (!format || !SHARP_FORMATS.has(format))
    throw new CoverImageError('The image cannot be read: its content is not the type it claims.');
  return storeCover(bytes, coversDir);
}
