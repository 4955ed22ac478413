/**
 * The little of fetch the source clients use, so each host passes its own:
 * the browser its global fetch (where CORS allows), the agent a fetch wrapped
 * with rate limits, retries, a circuit breaker and a response cache. A native
 * Response satisfies SourceResponse as it is.
 */

export interface SourceRequestInit {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface SourceResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type SourceFetch = (url: string, init?: SourceRequestInit) => Promise<SourceResponse>;
