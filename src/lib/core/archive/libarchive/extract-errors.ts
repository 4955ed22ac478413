import type { RarHeaders } from '#core/archive/rar-comment';
import { BookFormatError, type ProblemCode } from '#core/errors';
import { mib } from './labels';

/** Why an entry of `archiveName` was not extracted, as errors a user can act on. */

export function entryTooLarge(
  archiveName: string,
  name: string,
  maxBytes: number,
): BookFormatError {
  return new BookFormatError(
    'entry-too-large',
    `"${name}" in ${archiveName} is larger than ${mib(maxBytes)} once uncompressed; ` +
      'it was not read.',
  );
}

export function entryUnreachable(
  archiveName: string,
  name: string,
  rar: RarHeaders | undefined,
): BookFormatError {
  if (rar?.solid && rar.version === 4) {
    return new BookFormatError(
      'unsupported-format',
      `"${name}" in ${archiveName} cannot be extracted: libarchive reads only the start of ` +
        'solid RAR 4 archives. Repack the comic as CBZ (or as a RAR 5 archive).',
    );
  }
  return new BookFormatError(
    'corrupt',
    `"${name}" in ${archiveName} could not be extracted; the archive is damaged.`,
  );
}

/** libarchive's extraction failure, sorted by its message. */
export function extractError(archiveName: string, name: string, error: unknown): BookFormatError {
  const message = error instanceof Error ? error.message : String(error);
  const rules: [RegExp, ProblemCode, string][] = [
    [/encrypt|passphrase|password/i, 'encrypted-archive', 'is encrypted (password-protected)'],
    [/truncat|premature|unexpected end/i, 'truncated', 'is cut short'],
  ];
  const [, code, what] = rules.find(([pattern]) => pattern.test(message)) ?? [
    undefined,
    'corrupt' as const,
    'is damaged',
  ];
  return new BookFormatError(
    code,
    `"${name}" in ${archiveName} could not be extracted: the archive ${what} ` +
      `(libarchive: ${message}).`,
  );
}
