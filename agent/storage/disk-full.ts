/** The errno codes a full disk (or a used-up quota) gives a file operation. */
const FULL_ERRNO_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * What LevelDB (under PouchDB) says when a write finds the disk full: its
 * Status::IOError carries strerror(errno), wrapped by levelup in a WriteError.
 * SQLite's own wording is matched too, for errors that lost their code.
 */
const FULL_MESSAGE = /no space left on device|disk quota exceeded|database or disk is full/i;

/**
 * A write refused because a disk is full. Carries what the app-wide error
 * handler needs to answer it (`status` 507 Insufficient Storage, `code`, and a
 * message safe to show: no server path, since readers see it too).
 */
export class DiskFullError extends Error {
  override name = 'DiskFullError';
  readonly status = 507;
  readonly statusCode = 507;
  readonly code = 'disk-full';
  readonly expose = true;
  /** The path the failed write was for, when the error said (for the operation log, not for clients). */
  readonly path?: string;

  constructor(options: { cause?: unknown; path?: string; message?: string } = {}) {
    super(
      options.message ??
        'The disk holding Colophon’s data is full: free some space, then try again. Paused scans and renames resume by themselves.',
      { cause: options.cause },
    );
    this.path = options.path ?? failedWritePath(options.cause);
  }
}

/**
 * True when an error means "the disk is full": SQLite's SQLITE_FULL (from
 * better-sqlite3, also when the database reached its page limit), ENOSPC or
 * EDQUOT from the file system, or LevelDB's I/O error with that reason.
 * Wrapped errors are followed through `cause`.
 */
export function isDiskFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DiskFullError) return true;
    if (typeof e !== 'object') return typeof e === 'string' && FULL_MESSAGE.test(e);
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (code === 'SQLITE_FULL' || (typeof code === 'string' && FULL_ERRNO_CODES.has(code)))
      return true;
    if (typeof message === 'string' && FULL_MESSAGE.test(message)) return true;
    e = cause;
  }
  return false;
}

/** `error` as a DiskFullError when it means the disk is full; otherwise `error` itself. */
export function asDiskFull(error: unknown): unknown {
  if (error instanceof DiskFullError || !isDiskFull(error)) return error;
  return new DiskFullError({ cause: error });
}

/** Where a failed write went, when its error says: a copy's destination (`dest`), else its `path`. */
export function failedWritePath(error: unknown): string | undefined {
  const { dest, path } = (error ?? {}) as { dest?: unknown; path?: unknown };
  if (typeof dest === 'string') return dest;
  return typeof path === 'string' ? path : undefined;
}
