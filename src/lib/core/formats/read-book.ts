import type { ByteSource } from '../bytes/byte-source';
import { pathCandidates } from '../metadata/path-metadata';
import { readComic } from './comic/index';
import { readEpub } from './epub/index';
import { readMobi } from './mobi/index';
import { readPdf } from './pdf/index';
import type { FormatPlatform } from './platform';
import { BOOK_FORMATS, type BookFormat, type Extraction } from './types';

/** Formats this build can read: all of them (the scanner skips other files). */
export const READABLE_FORMATS: readonly BookFormat[] = BOOK_FORMATS;

export interface ReadOptions {
  /** Heavy or native capabilities lent by the host (archives, pdf.js). */
  platform?: FormatPlatform;
  /**
   * The file's path below its library folder (`/`-separated): its name and
   * folders are guesses for fields the file lacks, at low confidence.
   */
  path?: string;
}

function readEmbedded(
  source: ByteSource,
  format: BookFormat,
  platform: FormatPlatform,
): Promise<Extraction> {
  switch (format) {
    case 'epub':
      return readEpub(source);
    case 'mobi':
    case 'azw3':
      return readMobi(source, format);
    case 'pdf':
      return readPdf(source, platform);
    case 'cbz':
    case 'cbr':
    case 'cb7':
    case 'cbt':
      return readComic(source, format, platform);
  }
}

/** Reads a book's embedded metadata, whatever its format, plus what its path suggests. */
export async function readBook(
  source: ByteSource,
  format: BookFormat,
  options: ReadOptions = {},
): Promise<Extraction> {
  const extraction = await readEmbedded(source, format, options.platform ?? {});
  if (options.path) extraction.candidates.push(...pathCandidates(options.path, format));
  return extraction;
}
