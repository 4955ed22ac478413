import type { ByteSource } from '#core/bytes/byte-source';
import type { FormatPlatform, RasterImage } from '#core/formats/platform';
import { readPdfCover } from '#core/formats/pdf/index';
import { readCover } from '#core/formats/read-cover';
import type { BookFormat, CoverRef } from '#core/formats/types';
import { COVER_SIZES } from '#core/images/cover-sizes';
import { blobSource } from '../fs/blob-source';
import { rasterInSvg } from './svg-raster';
import { makeThumbnail, type Thumbnail } from './thumbnail';

/** A book's cover, made: the original image's hash, its sizes, and the small thumbnail. */
export interface MadeCover extends Thumbnail {
  /** SHA-256 of the original image, as the agent names its covers. */
  hash: string;
}

export type CoverResult =
  | { kind: 'made'; cover: MadeCover }
  /** The file names no usable image; the placeholder is shown. */
  | { kind: 'none'; message: string }
  | { kind: 'failed'; message: string };

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Page one of a PDF is drawn only as wide as the thumbnail needs (twice its
 * width, for a sharp downscale): the agent's 800 px serve its medium
 * thumbnail too, which a browser does not make, and drawing costs by the pixel.
 */
const PDF_COVER_WIDTH = 2 * COVER_SIZES.small.width;

function coverImage(
  source: ByteSource,
  format: BookFormat,
  ref: CoverRef,
  platform: FormatPlatform,
): Promise<RasterImage | undefined> {
  if (format === 'pdf') {
    return ref.kind === 'page'
      ? readPdfCover(source, platform, PDF_COVER_WIDTH)
      : Promise.resolve(undefined);
  }
  return readCover(source, format, ref, platform);
}

/** What can be drawn of the image: an SVG gives its embedded raster. */
function drawable(image: RasterImage): RasterImage | undefined {
  return image.mediaType === 'image/svg+xml' ? rasterInSvg(image.bytes) : image;
}

/**
 * Reads the cover a parser pointed at and makes its thumbnail (the agent's
 * make-cover.ts, for a File). Never throws: the outcome says what to tell
 * the user.
 */
export async function makeCover(
  file: Blob,
  relPath: string,
  format: BookFormat,
  ref: CoverRef,
  platform: FormatPlatform,
): Promise<CoverResult> {
  try {
    const source = blobSource(file, relPath.slice(relPath.lastIndexOf('/') + 1));
    const image = await coverImage(source, format, ref, platform);
    if (!image) return { kind: 'none', message: 'The cover the file names is not an image.' };
    const raster = drawable(image);
    if (!raster) {
      return { kind: 'none', message: 'The cover is an SVG drawing with no picture in it.' };
    }
    const [hash, thumbnail] = await Promise.all([sha256(image.bytes), makeThumbnail(raster)]);
    return { kind: 'made', cover: { hash, ...thumbnail } };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
