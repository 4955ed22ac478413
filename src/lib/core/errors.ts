/**
 * Why a file could not be read, in terms a user can act on. Parsers throw
 * BookFormatError for files that are not what they claim to be; hosts record
 * the code and message and carry on with the next file.
 */
export type ProblemCode =
  | 'empty-file'
  | 'truncated'
  | 'not-an-archive'
  | 'not-a-mobi'
  | 'encrypted-archive'
  | 'missing-container'
  | 'missing-package'
  | 'missing-entry'
  | 'invalid-xml'
  | 'unsafe-xml'
  | 'entry-too-large'
  /** The whole file is over what a reader will hold in memory (libarchive reads RAR/7z/tar whole). */
  | 'file-too-large'
  | 'unsupported-format'
  | 'corrupt'
  | 'not-a-pdf'
  | 'unreadable'
  | 'timeout';

export class BookFormatError extends Error {
  override name = 'BookFormatError';
  constructor(
    readonly code: ProblemCode,
    message: string,
  ) {
    super(message);
  }
}

/** A problem as stored with a book and shown to the user. */
export interface Problem {
  code: ProblemCode;
  message: string;
}

/** Turns anything thrown while reading a file into a Problem, never a stack trace. */
export function toProblem(error: unknown): Problem {
  if (error instanceof BookFormatError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'unreadable', message: `Could not read the file: ${message}` };
}
