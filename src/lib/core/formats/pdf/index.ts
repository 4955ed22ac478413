import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import type { FormatPlatform } from '../platform';
import type { Extraction } from '../types';
import { catalog } from './catalog';
import { withDocument, type PdfReadOptions } from './open-document';
import type { PdfPlatform } from './pdf-platform';
import { isPasswordError } from './read-errors';

export { readPdfCover } from './cover';
export { PDF_TIMEOUT_MS, type PdfReadOptions } from './open-document';

/**
 * Reads a PDF's Info dictionary, XMP metadata and page count through pdf.js,
 * which the host lends (platform.pdf). Only the ranges pdf.js asks for are
 * read. A PDF that needs a password is still cataloged: flagged encrypted,
 * without metadata, with a warning. Damaged files throw BookFormatError.
 */
export async function readPdf(
  source: ByteSource,
  platform: FormatPlatform,
  options: PdfReadOptions = {},
): Promise<Extraction> {
  const pdf = requirePdf(platform);
  try {
    return await withDocument(source, pdf, options, catalog);
  } catch (error) {
    if (isPasswordError(error)) return passwordProtected(source);
    throw error;
  }
}

function requirePdf(platform: FormatPlatform): PdfPlatform {
  if (platform.pdf) return platform.pdf;
  throw new BookFormatError(
    'unsupported-format',
    'PDF files cannot be read here: this version of Colophon was started without pdf.js.',
  );
}

function passwordProtected(source: ByteSource): Extraction {
  return {
    format: 'pdf',
    candidates: [],
    flags: { encrypted: true },
    warnings: [
      `${source.name} is protected by a password, so its title, authors and pages could not ` +
        'be read. It is listed without them; an unprotected copy would be read in full.',
    ],
  };
}
