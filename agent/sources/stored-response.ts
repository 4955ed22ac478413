import type { SourceResponse } from '#core/sources/http';

/**
 * A response read to the end: what the cache stores and what the resilient
 * fetch hands back, so a body is read once and can be kept, retried over or
 * served again. Header names are kept in lower case.
 */
export class StoredResponse implements SourceResponse {
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly status: number,
    readonly headerMap: Readonly<Record<string, string>>,
    readonly body: string,
  ) {
    this.headers = { get: (name) => headerMap[name.toLowerCase()] ?? null };
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
}

/** The headers worth keeping from a live response: type, validators, rate-limit hints. */
const KEPT = ['content-type', 'retry-after', 'etag', 'last-modified'];

export function keptHeaders(headers: { get(name: string): string | null }): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}
