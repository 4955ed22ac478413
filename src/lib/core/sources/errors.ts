import type { ExternalSourceId } from '../merge/sources';
import { redactSecrets } from './redact';

/** How a source failed; each kind says what the user (or the job queue) can do about it. */
export type SourceFailure =
  /** Nothing answered: no network, a wrong base URL, a refused connection. */
  | { kind: 'network'; cause?: string }
  /** Asked, but no answer in time. */
  | { kind: 'timeout'; afterMs?: number }
  /** An answer with an HTTP status we cannot use (404, 500, …). */
  | { kind: 'http'; status: number }
  /** The source asks us to slow down; retryAfter in seconds when it said. */
  | { kind: 'rate-limited'; retryAfter?: number }
  /** An answer that is not the JSON we expect: nothing from it is used. */
  | { kind: 'invalid-response'; reason: string }
  /** The source needs a setting we do not have (Comic Vine's API key). */
  | { kind: 'not-configured'; setting: string }
  /** The source failed often enough that it is paused; retryIn in seconds when known. */
  | { kind: 'circuit-open'; retryIn?: number };

export type SourceErrorKind = SourceFailure['kind'];

export const SOURCE_NAMES: Readonly<Record<ExternalSourceId, string>> = {
  openlibrary: 'Open Library',
  googlebooks: 'Google Books',
  comicvine: 'Comic Vine',
};

const later = 'Colophon will ask again later; the book keeps what it has.';

function describe(source: ExternalSourceId, failure: SourceFailure): string {
  const name = SOURCE_NAMES[source];
  switch (failure.kind) {
    case 'network':
      return `${name} could not be reached${failure.cause ? ` (${failure.cause})` : ''}. Check the network and the source's URL. ${later}`;
    case 'timeout':
      return `${name} did not answer${failure.afterMs ? ` within ${Math.round(failure.afterMs / 100) / 10} s` : ' in time'}. ${later}`;
    case 'http':
      return failure.status === 404
        ? `${name} has no such record (HTTP 404).`
        : `${name} answered with HTTP ${failure.status}. ${later}`;
    case 'rate-limited':
      return `${name} asks Colophon to slow down${failure.retryAfter !== undefined ? ` for ${failure.retryAfter} s` : ''}. ${later}`;
    case 'invalid-response':
      return `${name} sent an answer Colophon cannot read (${failure.reason}); nothing from it was used.`;
    case 'not-configured':
      return `${name} is not set up: ${failure.setting}.`;
    case 'circuit-open':
      return `${name} failed several times in a row and is paused${failure.retryIn !== undefined ? ` for ${failure.retryIn} s` : ''}. ${later}`;
  }
}

/** What a SourceError looks like in JSON: printed by the CLI, stored with a failed job. */
export type SourceErrorJson = { source: ExternalSourceId; message: string } & SourceFailure;

/**
 * A source that could not give an answer. Clients return it (see
 * SourceResult) rather than throw it; the agent's resilient fetch throws it
 * for failures below HTTP (network, timeout, open circuit), and clients pass
 * those through. Messages never carry a URL's secrets.
 */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly kind: SourceErrorKind;

  constructor(
    readonly source: ExternalSourceId,
    readonly failure: SourceFailure,
    message = describe(source, failure),
  ) {
    super(redactSecrets(message));
    this.kind = failure.kind;
  }

  toJSON(): SourceErrorJson {
    return { ...this.failure, source: this.source, message: this.message };
  }
}

/** A client's answer: a value, or the reason there is none. Expected failures are not thrown. */
export type SourceResult<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export const ok = <T>(value: T): SourceResult<T> => ({ ok: true, value });
export const failed = <T>(error: SourceError): SourceResult<T> => ({ ok: false, error });

/** True for a SourceError, also one from another copy of this module (a bundled worker). */
export function isSourceError(error: unknown): error is SourceError {
  return (
    error instanceof SourceError ||
    (error instanceof Error && error.name === 'SourceError' && 'failure' in error)
  );
}

/** What a rejected fetch means: a SourceError passes through; an abort by timeout is a timeout. */
export function fetchFailure(source: ExternalSourceId, error: unknown): SourceError {
  if (isSourceError(error)) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new SourceError(source, { kind: 'timeout' });
  return new SourceError(source, { kind: 'network', cause: networkCause(error) });
}

/** The useful part of a fetch rejection: Node puts the errno code on `cause`. */
function networkCause(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause: unknown = error.cause;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string')
    return cause.code;
  return error.message || undefined;
}
