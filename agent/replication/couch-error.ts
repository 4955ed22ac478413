import type { Response } from 'express';
import { asDiskFull, DiskFullError } from '../storage/disk-full';

/**
 * An answer in CouchDB's error shape (`error`, `reason`), which PouchDB
 * clients read, with `message` too, as every other agent route has.
 */
export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

interface PouchLikeError {
  status?: unknown;
  name?: unknown;
  error?: unknown;
  message?: unknown;
  reason?: unknown;
}

/** Sends a CouchError as it is, a PouchDB error by its status and name, anything else as a 500 (logged). */
export function sendCouchError(res: Response, thrown: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const full = asDiskFull(thrown);
  if (full instanceof DiskFullError) {
    res.status(507).json({ error: 'disk-full', reason: full.message, message: full.message });
    return;
  }
  if (thrown instanceof CouchError) {
    res
      .status(thrown.status)
      .json({ error: thrown.error, reason: thrown.message, message: thrown.message });
    return;
  }
  const e = (thrown ?? {}) as PouchLikeError;
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const error = typeof e.name === 'string' ? e.name : 'bad_request';
    const reason =
      typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : error;
    res.status(e.status).json({ error, reason, message: reason });
    return;
  }
  console.error('[colophon] /db request failed:', thrown);
  const message = 'The database could not answer; the agent has logged why. Try again.';
  res.status(500).json({ error: 'internal', reason: message, message });
}
