import type { ByteSource } from '../bytes/byte-source';
import { BookFormatError } from '../errors';
import { readEpub } from './epub/index';
import { readMobi } from './mobi/index';
import { readPdf } from './pdf/index';
import type { FormatPlatform } from './platform';
import type { BookFormat, Extraction } from './types';

/** Formats this build can read; the scanner skips the others. */
export const READABLE_FORMATS: readonly BookFormat[] = ['epub', 'mobi', 'azw3', 'pdf'];

export interface ReadOptions {
  /** Heavy or native capabilities lent by the host (archives, pdf.js). */
  platform?: FormatPlatform;
}

/** Reads a book's embedded metadata, whatever its format. */
export async function readBook(
  source: ByteSource,
  format: BookFormat,
  options: ReadOptions = {},
): Promise<Extraction> {
  const platform = options.platform ?? {};
  switch (format) {
    case 'epub':
      return readEpub(source);
    case 'mobi':
    case 'azw3':
      return readMobi(source, format);
    case 'pdf':
      return readPdf(source, platform);
    default:
      throw new BookFormatError(
        'unsupported-format',
        `Reading ${format.toUpperCase()} files is not supported yet.`,
      );
  }
}
