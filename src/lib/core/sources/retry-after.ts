/**
 * Seconds to wait from a Retry-After header: delay-seconds ("120") or an
 * HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"), counted from `now` (ms).
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
