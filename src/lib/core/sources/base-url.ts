/** A base URL with no trailing slash, so `${base}/path` never doubles or drops one. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The last segment of an Open Library-style key ("/works/OL1W" → "OL1W"), safe in a path. */
export function keyId(key: string): string {
  return encodeURIComponent(key.split('/').filter(Boolean).pop() ?? '');
}
