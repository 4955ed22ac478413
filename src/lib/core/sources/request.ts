import type { z } from 'zod';
import type { ExternalSourceId } from '../merge/sources';
import { failed, fetchFailure, ok, SourceError, type SourceResult } from './errors';
import type { SourceFetch } from './http';
import { parseRetryAfter } from './retry-after';

export interface RequestContext {
  source: ExternalSourceId;
  fetch: SourceFetch;
  /** The clock for an HTTP-date Retry-After; Date.now unless a test says otherwise. */
  now?: () => number;
  signal?: AbortSignal;
}

/** Statuses that mean "too many requests": 429, and Twitter-style 420 some APIs still send. */
const RATE_LIMITED = new Set([420, 429]);

/**
 * GETs a URL and validates its JSON with a schema. Every way this can go
 * wrong comes back as a SourceError, never as a throw: a rejected fetch, an
 * HTTP error, a body that is not JSON, JSON of the wrong shape (a zod error is
 * summarised, never handed on).
 */
export async function getJson<S extends z.ZodType>(
  context: RequestContext,
  url: string,
  schema: S,
): Promise<SourceResult<z.output<S>>> {
  const { source } = context;
  let status: number;
  let body: string;
  try {
    const response = await context.fetch(url, {
      headers: { accept: 'application/json' },
      ...(context.signal && { signal: context.signal }),
    });
    status = response.status;
    if (RATE_LIMITED.has(status) || status === 503) {
      const now = (context.now ?? Date.now)();
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
      if (RATE_LIMITED.has(status) || retryAfter !== undefined)
        return failed(new SourceError(source, { kind: 'rate-limited', retryAfter }));
    }
    if (status < 200 || status >= 300)
      return failed(new SourceError(source, { kind: 'http', status }));
    body = await response.text();
  } catch (error) {
    return failed(fetchFailure(source, error));
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return failed(new SourceError(source, { kind: 'invalid-response', reason: 'not JSON' }));
  }
  return validate(source, schema, json);
}

/** A value checked against a schema, as a result: the first problem summarised for a person. */
export function validate<S extends z.ZodType>(
  source: ExternalSourceId,
  schema: S,
  json: unknown,
): SourceResult<z.output<S>> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const reason = issue ? `${where}${issue.message}` : 'unexpected shape';
  return failed(new SourceError(source, { kind: 'invalid-response', reason }));
}
