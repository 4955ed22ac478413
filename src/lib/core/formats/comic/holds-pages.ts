import type { ByteSource } from '../../bytes/byte-source';
import type { FormatPlatform } from '../platform';
import { ComicPageError, listComicPages } from './comic-pages';
import { openComicArchive } from './container';
import type { ComicFormat } from './index';

/**
 * Why a plain archive (a `.zip` that may be a comic) is not one, or undefined
 * when it holds at least one page. An archive that cannot be opened or is
 * password-protected is not taken for a comic either: nothing shows it is one.
 */
export async function whyNotComic(
  source: ByteSource,
  format: ComicFormat,
  platform: FormatPlatform,
): Promise<string | undefined> {
  let opened;
  try {
    opened = await openComicArchive(source, format, platform);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Not cataloged as a comic: it could not be opened as an archive (${reason})`;
  }
  try {
    const { pages } = await listComicPages(opened.archive, source.name);
    return pages.length > 0
      ? undefined
      : 'Not cataloged as a comic: the archive holds no images (JPEG, PNG, GIF, WebP, AVIF, JPEG XL or BMP).';
  } catch (error) {
    if (error instanceof ComicPageError) return `Not cataloged as a comic: ${error.message}`;
    throw error;
  } finally {
    await opened.archive.close();
  }
}
