import type { ByteSource } from '../bytes/byte-source';
import { BookFormatError } from '../errors';
import { readEpub } from './epub/index';
import type { FormatPlatform } from './platform';
import type { BookFormat, Extraction } from './types';

/** Formats this build can read; the scanner skips the others. */
export const READABLE_FORMATS: readonly BookFormat[] = ['epub'];

export interface ReadOptions {
  /** Heavy or native capabilities lent by the host (archives, pdf.js). */
  platform?: FormatPlatform;
}

/** Reads a book's embedded metadata, whatever its format. */
export async function readBook(
  source: ByteSource,
  format: BookFormat,
  _options: ReadOptions = {},
): Promise<Extraction> {
  switch (format) {
    case 'epub':
      return readEpub(source);
    default:
      throw new BookFormatError(
        'unsupported-format',
        `Reading ${format.toUpperCase()} files is not supported yet.`,
      );
  }
}
