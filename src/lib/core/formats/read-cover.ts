import type { ByteSource } from '../bytes/byte-source';
import { readComicCover } from './comic/index';
import { readEpubCover } from './epub/cover';
import { readMobiCover } from './mobi/index';
import { readPdfCover } from './pdf/index';
import type { FormatPlatform, RasterImage } from './platform';
import type { BookFormat, CoverRef } from './types';

/**
 * Covers become thumbnails of at most 480 px wide (the medium size, in both
 * hosts); a page rendered wider is wasted work: at 800 px a PDF's cover took
 * 1.6× as long, rendering and thumbnails together.
 */
const PDF_COVER_WIDTH = 480;

/**
 * The cover image a parser pointed at (an archive entry, a MOBI record, a PDF
 * page to render), as bytes; undefined when there is none to show.
 */
export async function readCover(
  source: ByteSource,
  format: BookFormat,
  ref: CoverRef,
  platform: FormatPlatform = {},
): Promise<RasterImage | undefined> {
  switch (format) {
    case 'epub':
      return readEpubCover(source, ref);
    case 'mobi':
    case 'azw3':
      return readMobiCover(source, ref);
    case 'pdf':
      return ref.kind === 'page' ? readPdfCover(source, platform, PDF_COVER_WIDTH) : undefined;
    case 'cbz':
    case 'cbr':
    case 'cb7':
    case 'cbt':
      return readComicCover(source, format, ref, platform);
  }
}
