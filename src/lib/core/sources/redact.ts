/**
 * API keys travel in query strings (Comic Vine's `api_key`, Google's `key`).
 * They must never reach a cache key, a log line or an error message, so every
 * URL shown or stored goes through here.
 */
export const SECRET_PARAMS: readonly string[] = ['api_key', 'key'];

const SECRET_IN_TEXT = new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"']*`, 'gi');

/** The URL without its secret query parameters (removed, not masked: cache keys stay stable). */
export function withoutSecrets(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecrets(url);
  }
  for (const name of SECRET_PARAMS) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** Any text with the values of secret query parameters masked. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, '$1***');
}
