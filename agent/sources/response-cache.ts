import type { ExternalSourceId } from '#core/merge/sources';
import { withoutSecrets } from '#core/sources/redact';
import type { Db } from '../db/sqlite';
import { StoredResponse } from './stored-response';

/** The spec's API response cache: an hour. */
export const CACHE_TTL_MS = 60 * 60 * 1000;
/** Expired rows are deleted at open and after this many writes. */
const PRUNE_EVERY = 100;

interface CacheRow {
  status: number;
  headers: string;
  body: string;
  expires_at: number;
}

export interface ResponseCacheOptions {
  ttlMs?: number;
  now?: () => number;
}

/**
 * Source answers in SQLite (table source_cache), keyed by method and URL with
 * secret query parameters removed, so the key of a Comic Vine request holds
 * no API key and survives a key change. Expired rows are never served.
 */
export class ResponseCache {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private writes = 0;

  constructor(
    private readonly db: Db,
    options: ResponseCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? CACHE_TTL_MS;
    this.now = options.now ?? Date.now;
    this.prune();
  }

  /** The cache key of a request: "GET https://…" without API keys. */
  static key(method: string, url: string): string {
    return `${method.toUpperCase()} ${withoutSecrets(url)}`;
  }

  get(method: string, url: string): StoredResponse | undefined {
    const row = this.db
      .prepare<[string, number], CacheRow>(
        'SELECT status, headers, body, expires_at FROM source_cache WHERE key = ? AND expires_at > ?',
      )
      .get(ResponseCache.key(method, url), this.now());
    return row ? toResponse(row) : undefined;
  }

  put(source: ExternalSourceId, method: string, url: string, response: StoredResponse): void {
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO source_cache (key, source, status, headers, body, stored_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET source = excluded.source, status = excluded.status,
           headers = excluded.headers, body = excluded.body, stored_at = excluded.stored_at,
           expires_at = excluded.expires_at`,
      )
      .run(
        ResponseCache.key(method, url),
        source,
        response.status,
        JSON.stringify(response.headerMap),
        response.body,
        now,
        now + this.ttlMs,
      );
    if (++this.writes % PRUNE_EVERY === 0) this.prune();
  }

  /** Deletes expired rows; returns how many. */
  prune(): number {
    return this.db.prepare('DELETE FROM source_cache WHERE expires_at <= ?').run(this.now())
      .changes;
  }

  /** Forgets one source's answers (after its URL or key changed), or all. */
  clear(source?: ExternalSourceId): void {
    if (source) this.db.prepare('DELETE FROM source_cache WHERE source = ?').run(source);
    else this.db.prepare('DELETE FROM source_cache').run();
  }

  /** The keys stored, for inspection and tests. */
  keys(): string[] {
    return this.db
      .prepare<[], { key: string }>('SELECT key FROM source_cache ORDER BY key')
      .all()
      .map((r) => r.key);
  }
}

/** A row as a response: the one place the table's shape is read. */
function toResponse(row: CacheRow): StoredResponse {
  let headers: Record<string, string> = {};
  try {
    headers = JSON.parse(row.headers) as Record<string, string>;
  } catch {
    // A damaged header column costs the headers, not the answer.
  }
  return new StoredResponse(row.status, { ...headers, 'x-colophon-cache': 'hit' }, row.body);
}
