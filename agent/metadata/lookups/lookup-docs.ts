import type { ExternalSourceId } from '#core/merge/sources';
import { bookDocId } from '#core/schema/book-doc';
import {
  LOOKUP_DOC_VERSION,
  lookupDocId,
  lookupDocSchema,
  type LookupDoc,
} from '#core/schema/lookup-doc';
import { SourceError, SOURCE_NAMES, type SourceErrorKind } from '#core/sources/errors';
import type { SourceLookup } from '#core/sources/result';

/** Failures that say nothing about the book: asking again later may well work. */
const TRANSIENT: ReadonlySet<SourceErrorKind> = new Set([
  'network',
  'timeout',
  'rate-limited',
  'circuit-open',
]);

/** True when a source's failure is worth a retry: it was down, slow, busy or paused. */
export function isTransient(error: SourceError): boolean {
  return (
    TRANSIENT.has(error.kind) || (error.failure.kind === 'http' && error.failure.status >= 500)
  );
}

/** A stored error worth asking about again on the next lookup run (a 404 too: records appear). */
export function storedErrorIsRetryable(error: LookupDoc['error']): boolean {
  return (
    error !== undefined && (TRANSIENT.has(error.kind as SourceErrorKind) || error.kind === 'http')
  );
}

/**
 * A source's answer as its lookup document. A failure keeps what the
 * previous answer said (candidates, covers, match, when it was fetched) and
 * adds the error: a source that is down, slow or talks nonsense never
 * replaces good data with nothing. A real answer replaces the previous one,
 * "nothing found" included; an answer that does not fit the document schema
 * is treated as the nonsense it is.
 */
export function nextLookupDoc(
  library: string,
  bookId: string,
  result: SourceLookup,
  previous: LookupDoc | undefined,
  now: string,
): LookupDoc {
  const base: Pick<LookupDoc, '_id' | 'type' | 'v' | 'library' | 'book' | 'source'> = {
    _id: lookupDocId(library, bookId, result.source),
    type: 'lookup',
    v: LOOKUP_DOC_VERSION,
    library,
    book: bookDocId(library, bookId),
    source: result.source,
  };
  const failed = (error: SourceError): LookupDoc => ({
    ...base,
    fetchedAt: previous?.fetchedAt ?? now,
    candidates: previous?.candidates ?? [],
    covers: previous?.covers ?? [],
    ...(previous?.match && { match: previous.match }),
    error: { kind: error.kind, message: error.message },
  });
  if (result.error) return failed(result.error);
  const answer = lookupDocSchema.safeParse({
    ...base,
    fetchedAt: now,
    candidates: result.candidates,
    covers: result.covers,
    ...(result.match && { match: { score: result.match.score, applied: result.match.applied } }),
  });
  if (answer.success) return answer.data;
  return failed(invalid(result.source, answer.error.issues[0]?.message ?? 'unexpected values'));
}

function invalid(source: ExternalSourceId, reason: string): SourceError {
  return new SourceError(source, { kind: 'invalid-response', reason });
}

/** One line for the job log: what each source said about the book. */
export function describeLookup(results: readonly SourceLookup[]): string {
  return results
    .map((r) => {
      const name = SOURCE_NAMES[r.source];
      if (r.error) return `${name}: ${r.error.message}`;
      if (r.candidates.length === 0) return `${name}: nothing found.`;
      const how = r.match
        ? r.match.applied
          ? `matched (${Math.round(r.match.score * 100)}%)`
          : `a suggestion only (${Math.round(r.match.score * 100)}% match)`
        : 'by identifier';
      return `${name}: ${r.candidates.length} values, ${how}.`;
    })
    .join(' ');
}
