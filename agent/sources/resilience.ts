import type { ExternalSourceId } from '#core/merge/sources';

/** At most `limit` requests in any `intervalMs`. */
export interface RateLimit {
  limit: number;
  intervalMs: number;
}

/** How one source is asked: politely, patiently, and not at all while it is down. */
export interface ResilienceOptions {
  /** Every limit applies (Comic Vine has one per second and one per hour). */
  rateLimits: readonly RateLimit[];
  /** One request's time limit, headers and body included. */
  timeoutMs: number;
  /** Tries per request, the first included. */
  maxAttempts: number;
  /** Exponential backoff with full jitter: a random wait in [0, min(maxMs, initialMs·2^(n−1))). */
  backoff: { initialMs: number; maxMs: number };
  /**
   * A Retry-After up to this long is waited for; a longer one is not: the
   * request fails as 'rate-limited' at once and the job queue asks later.
   */
  maxRetryAfterMs: number;
  /** Open after `failures` failures in a row; after `coolDownMs` one probe request may pass. */
  breaker: { failures: number; coolDownMs: number };
  userAgent: string;
}

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;

/**
 * Rate limits as the services ask. Open Library: about one request a second
 * for a client that names itself. Google Books: no published per-second
 * figure for keyless use; one a second keeps far inside its per-100-seconds
 * quota. Comic Vine: 200 requests per resource an hour, and it blocks bursts
 * ("velocity detection"), so also one a second.
 */
export const RATE_LIMITS: Readonly<Record<ExternalSourceId, readonly RateLimit[]>> = {
  openlibrary: [{ limit: 1, intervalMs: SECOND }],
  googlebooks: [{ limit: 1, intervalMs: SECOND }],
  comicvine: [
    { limit: 1, intervalMs: SECOND },
    { limit: 200, intervalMs: HOUR },
  ],
};

/**
 * Services ask API clients to say who they are; Comic Vine refuses generic
 * user agents outright.
 */
export const USER_AGENT = 'Colophon/0.1 (self-hosted ebook library)';

export function resilienceFor(
  source: ExternalSourceId,
  overrides: Partial<ResilienceOptions> = {},
): ResilienceOptions {
  return {
    rateLimits: RATE_LIMITS[source],
    timeoutMs: 10 * SECOND,
    maxAttempts: 3,
    backoff: { initialMs: 500, maxMs: 8 * SECOND },
    maxRetryAfterMs: 60 * SECOND,
    breaker: { failures: 5, coolDownMs: 60 * SECOND },
    userAgent: USER_AGENT,
    ...overrides,
  };
}
