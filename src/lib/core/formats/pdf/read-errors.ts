import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';

/** pdf.js's PasswordException: the PDF needs a password to be opened. */
export function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/** pdf.js exceptions → BookFormatError; password errors pass through for the caller. */
export function toReadError(error: unknown, source: ByteSource): unknown {
  if (error instanceof BookFormatError || isPasswordError(error)) return error;
  // InvalidPDFException: no usable cross-reference table, trailer or page tree.
  const what =
    error instanceof Error && error.name === 'InvalidPDFException'
      ? 'its structure could not be read'
      : 'it could not be read';
  return new BookFormatError(
    'corrupt',
    `${source.name} is a damaged PDF: ${what} (${reason(error)}). If a PDF reader still ` +
      'opens it, saving a new copy from there usually repairs it.',
  );
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
