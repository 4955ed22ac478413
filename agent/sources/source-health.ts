import type { ExternalSourceId } from '#core/merge/sources';
import type { SourceError, SourceErrorKind } from '#core/sources/errors';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** How a source is doing, as /data-sources shows it. Times are ISO instants. */
export interface SourceHealth {
  source: ExternalSourceId;
  circuit: CircuitStateName;
  /** While open: when the next request may probe the source again. */
  openUntil?: string;
  /** Requests that went out (each retry counts). */
  requests: number;
  /** Requests that failed: no answer, a timeout, a 5xx or a 429. */
  failures: number;
  /** Requests refused without asking, because the circuit was open. */
  rejected: number;
  /** Requests answered from the cache. */
  cacheHits: number;
  lastError?: { kind: SourceErrorKind; message: string; at: string };
  lastSuccessAt?: string;
}

/** The counters behind SourceHealth; the circuit state is read from the breaker when asked. */
export class HealthCounter {
  requests = 0;
  failures = 0;
  rejected = 0;
  cacheHits = 0;
  private lastError: SourceHealth['lastError'];
  private lastSuccessAt: string | undefined;

  constructor(
    readonly source: ExternalSourceId,
    private readonly now: () => number,
  ) {}

  failed(error: SourceError): void {
    this.failures++;
    this.lastError = { kind: error.kind, message: error.message, at: this.instant() };
  }

  succeeded(): void {
    this.lastSuccessAt = this.instant();
  }

  snapshot(circuit: CircuitStateName, openUntil: number | undefined): SourceHealth {
    return {
      source: this.source,
      circuit,
      ...(openUntil !== undefined && { openUntil: new Date(openUntil).toISOString() }),
      requests: this.requests,
      failures: this.failures,
      rejected: this.rejected,
      cacheHits: this.cacheHits,
      ...(this.lastError && { lastError: { ...this.lastError } }),
      ...(this.lastSuccessAt && { lastSuccessAt: this.lastSuccessAt }),
    };
  }

  private instant(): string {
    return new Date(this.now()).toISOString();
  }
}
