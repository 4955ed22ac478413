import { openZip } from '../../archive/zip';
import type { ByteSource } from '../../bytes/byte-source';
import { sniffImageType } from '../../images/image-type';
import type { RasterImage } from '../platform';
import type { CoverRef } from '../types';

/** Covers are images, not novels: anything bigger is refused rather than read. */
export const MAX_COVER_BYTES = 32 * 1024 * 1024;

/** The cover image an EPUB's package document points at; undefined when it is not an image. */
export async function readEpubCover(
  source: ByteSource,
  ref: CoverRef,
): Promise<RasterImage | undefined> {
  if (ref.kind !== 'entry') return undefined;
  const zip = await openZip(source);
  try {
    const bytes = await zip.read(ref.path, MAX_COVER_BYTES);
    const mediaType = sniffImageType(bytes);
    return mediaType ? { bytes, mediaType } : undefined;
  } finally {
    await zip.close();
  }
}
