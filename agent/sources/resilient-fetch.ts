import { setTimeout as sleep } from 'node:timers/promises';
import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  isBrokenCircuitError,
  retry,
  wrap,
} from 'cockatiel';
import type { ExternalSourceId } from '#core/merge/sources';
import { fetchFailure, SourceError } from '#core/sources/errors';
import type { SourceFetch, SourceRequestInit } from '#core/sources/http';
import { redactSecrets } from '#core/sources/redact';
import { parseRetryAfter } from '#core/sources/retry-after';
import { anySignal } from './any-signal';
import {
  answerError,
  backoffFor,
  isServiceFailure,
  RETRYABLE_STATUS,
  RetryableAnswer,
  throttleGate,
} from './policies';
import type { ResilienceOptions } from './resilience';
import type { ResponseCache } from './response-cache';
import { HealthCounter, type CircuitStateName, type SourceHealth } from './source-health';
import { keptHeaders, StoredResponse } from './stored-response';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ResilientFetchDeps {
  /** The fetch underneath (Node's global by default). */
  fetch?: FetchLike;
  cache?: ResponseCache;
  /** Beyond "2xx and JSON": whether a parsed answer may be cached (Comic Vine's envelope). */
  cacheable?: (json: unknown) => boolean;
  /** Retries and circuit changes, one line each; URLs in them have their secrets masked. */
  log?: (line: string) => void;
  now?: () => number;
}

export interface ResilientFetch {
  readonly source: ExternalSourceId;
  readonly fetch: SourceFetch;
  health(): SourceHealth;
}

/**
 * Node's fetch for one source, made safe to call from background jobs: a
 * one-hour cache in front, then a circuit breaker, retries with backoff,
 * the source's rate limits, and a time limit on each request. What it cannot
 * get it reports as a SourceError (network, timeout, circuit-open,
 * rate-limited) or as the last HTTP answer, which the core client maps.
 */
export function resilientFetch(
  source: ExternalSourceId,
  options: ResilienceOptions,
  deps: ResilientFetchDeps = {},
): ResilientFetch {
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  const now = deps.now ?? Date.now;
  const log = (line: string) => deps.log?.(redactSecrets(`${source}: ${line}`));
  const health = new HealthCounter(source, now);
  const gate = throttleGate(options.rateLimits);
  /** Set by a Retry-After: no request to this source before then. */
  let pausedUntil = 0;
  let openedAt: number | undefined;

  const breaker = circuitBreaker(handleWhen(isServiceFailure), {
    halfOpenAfter: options.breaker.coolDownMs,
    breaker: new ConsecutiveBreaker(options.breaker.failures),
  });
  breaker.onBreak(() => {
    openedAt = Date.now();
    log(
      `${options.breaker.failures} failures in a row; paused for ${options.breaker.coolDownMs} ms`,
    );
  });
  breaker.onReset(() => {
    openedAt = undefined;
    log('answering again; circuit closed');
  });
  const retries = retry(
    handleWhen(
      (error) =>
        isServiceFailure(error) &&
        !(error instanceof RetryableAnswer && (error.retryAfterMs ?? 0) > options.maxRetryAfterMs),
    ),
    { maxAttempts: options.maxAttempts - 1, backoff: backoffFor(options) },
  );
  retries.onRetry(({ delay, attempt, ...reason }) => {
    const why =
      'error' in reason && reason.error instanceof Error ? reason.error.message : 'failure';
    log(`retry ${attempt} in ${Math.round(delay)} ms after ${redactSecrets(why)}`);
  });
  const policy = wrap(retries, breaker);

  async function waitForPause(signal: AbortSignal): Promise<void> {
    const wait = pausedUntil - now();
    if (wait <= 0) return;
    if (wait > options.maxRetryAfterMs)
      throw new SourceError(source, { kind: 'rate-limited', retryAfter: Math.ceil(wait / 1000) });
    await sleep(wait, undefined, { signal });
  }

  async function attempt(url: string, init: SourceRequestInit | undefined, signal: AbortSignal) {
    await waitForPause(signal);
    await gate();
    health.requests++;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const combined = anySignal([timeout, signal, ...(init?.signal ? [init.signal] : [])]);
    try {
      const response = await fetchImpl(url, {
        headers: { ...init?.headers, 'user-agent': options.userAgent },
        signal: combined.signal,
      });
      const stored = new StoredResponse(
        response.status,
        keptHeaders(response.headers),
        await response.text(),
      );
      if (RETRYABLE_STATUS.has(stored.status)) {
        const seconds = parseRetryAfter(stored.headers.get('retry-after'), now());
        if (seconds !== undefined) pausedUntil = Math.max(pausedUntil, now() + seconds * 1000);
        throw new RetryableAnswer(stored, seconds === undefined ? undefined : seconds * 1000);
      }
      health.succeeded();
      return stored;
    } catch (error) {
      if (error instanceof RetryableAnswer) {
        health.failed(answerError(source, error));
        throw error;
      }
      // The caller gave up: not the source's failure.
      if (init?.signal?.aborted) throw error;
      const failure = timeout.aborted
        ? new SourceError(source, { kind: 'timeout', afterMs: options.timeoutMs })
        : fetchFailure(source, error);
      health.failed(failure);
      throw failure;
    } finally {
      combined.dispose();
    }
  }

  /**
   * 2xx JSON answers (that the source's own check accepts), and 404s: that a
   * record does not exist is as stable for an hour as what a record says.
   */
  function cacheable(response: StoredResponse): boolean {
    if (response.status === 404) return true;
    if (response.status < 200 || response.status >= 300) return false;
    try {
      const json: unknown = JSON.parse(response.body);
      return deps.cacheable ? deps.cacheable(json) : true;
    } catch {
      return false;
    }
  }

  const resilient: SourceFetch = async (url, init) => {
    const cached = deps.cache?.get('GET', url);
    if (cached) {
      health.cacheHits++;
      return cached;
    }
    let response: StoredResponse;
    try {
      response = await policy.execute(({ signal }) => attempt(url, init, signal), init?.signal);
    } catch (error) {
      if (error instanceof RetryableAnswer) return error.response;
      if (isBrokenCircuitError(error)) {
        health.rejected++;
        throw new SourceError(source, { kind: 'circuit-open', retryIn: retryInSeconds() });
      }
      throw error;
    }
    if (deps.cache && cacheable(response)) deps.cache.put(source, 'GET', url, response);
    return response;
  };

  function openUntil(): number | undefined {
    return openedAt === undefined ? undefined : openedAt + options.breaker.coolDownMs;
  }

  function retryInSeconds(): number | undefined {
    const until = openUntil();
    return until === undefined ? undefined : Math.max(0, Math.ceil((until - Date.now()) / 1000));
  }

  function circuit(): CircuitStateName {
    const state = breaker.state;
    if (state === CircuitState.Closed) return 'closed';
    if (state === CircuitState.HalfOpen) return 'half-open';
    // cockatiel half-opens lazily, on the next call; after the cool-down that call is a probe.
    const until = openUntil();
    return until !== undefined && Date.now() >= until ? 'half-open' : 'open';
  }

  return {
    source,
    fetch: resilient,
    health: () => health.snapshot(circuit(), circuit() === 'open' ? openUntil() : undefined),
  };
}
