import {
  DelegateBackoff,
  ExponentialBackoff,
  fullJitterGenerator,
  type IBackoff,
  type IRetryBackoffContext,
} from 'cockatiel';
import pThrottle from 'p-throttle';
import type { ExternalSourceId } from '#core/merge/sources';
import { isSourceError, SourceError } from '#core/sources/errors';
import type { RateLimit, ResilienceOptions } from './resilience';
import type { StoredResponse } from './stored-response';

/**
 * The pieces the resilient fetch is built from: which answers are retried,
 * how long to wait before the next try, and the rate-limit gate.
 */

/** Answers worth another try: the service is busy or broken, not the request. */
export const RETRYABLE_STATUS = new Set([408, 420, 429, 500, 502, 503, 504]);

/** A retryable HTTP answer: thrown inside the policies, handed back as it is when they give up. */
export class RetryableAnswer extends Error {
  override name = 'RetryableAnswer';
  constructor(
    readonly response: StoredResponse,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${response.status}`);
  }
}

/** No request, by any caller, until every limit has room: Comic Vine's per-hour limit too. */
export function throttleGate(limits: readonly RateLimit[]): () => Promise<void> {
  return limits.reduce<() => Promise<void>>(
    (inner, { limit, intervalMs }) =>
      pThrottle({ limit, interval: intervalMs, strict: true })(() => inner()),
    () => Promise.resolve(),
  );
}

/**
 * Retry-After is a floor: wait that long, plus a little jitter so clients
 * told the same instant do not all come back at once. Otherwise exponential
 * backoff with full jitter (cockatiel's generator).
 */
export function backoffFor(options: ResilienceOptions) {
  const exponential = new ExponentialBackoff({
    generator: fullJitterGenerator,
    initialDelay: options.backoff.initialMs,
    maxDelay: options.backoff.maxMs,
  });
  return new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>(
    (context, previous) => {
      const next = previous ? previous.next(undefined) : exponential.next();
      const error = 'error' in context.result ? context.result.error : undefined;
      const retryAfter = error instanceof RetryableAnswer ? error.retryAfterMs : undefined;
      const delay =
        retryAfter === undefined
          ? next.duration
          : retryAfter + Math.random() * Math.min(1000, retryAfter * 0.1);
      return { delay, state: next };
    },
  );
}

/** What a retryable answer means, for the health record. */
export function answerError(source: ExternalSourceId, answer: RetryableAnswer): SourceError {
  const { status } = answer.response;
  if (status !== 429 && status !== 420) return new SourceError(source, { kind: 'http', status });
  const retryAfter = answer.retryAfterMs === undefined ? undefined : answer.retryAfterMs / 1000;
  return new SourceError(source, {
    kind: 'rate-limited',
    ...(retryAfter !== undefined && { retryAfter }),
  });
}

/** Failures that say the service is in trouble: they are retried and they count towards the breaker. */
export function isServiceFailure(error: unknown): boolean {
  return (
    error instanceof RetryableAnswer ||
    (isSourceError(error) && (error.kind === 'network' || error.kind === 'timeout'))
  );
}
