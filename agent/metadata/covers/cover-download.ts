import { isCoverImageType } from '#core/images/cover-image-types';
import { sniffImageType } from '#core/images/image-type';
import { redactSecrets } from '#core/sources/redact';
import { USER_AGENT } from '../../sources/resilience';

/** No real cover is larger; anything bigger is refused before it is read in full. */
export const MAX_COVER_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** A cover that could not be fetched; `transient` when asking again later may work. */
export class CoverDownloadError extends Error {
  override name = 'CoverDownloadError';

  constructor(
    readonly url: string,
    readonly transient: boolean,
    message: string,
  ) {
    super(redactSecrets(message));
  }
}

export type FetchImpl = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Fetches a cover image a source pointed at. A plain fetch, not the source's
 * resilient one: that one reads answers as text for its JSON cache, and
 * cover hosts (covers.openlibrary.org, Google's image servers, Comic Vine's
 * CDN) are not the rate-limited APIs. Instead: http(s) only, a time limit, a
 * size cap enforced while reading, and the bytes sniffed for an image type
 * (a host's HTML error page is not a cover).
 */
export async function downloadCover(
  url: string,
  fetchImpl: FetchImpl = (u, init) => fetch(u, init),
  timeoutMs = TIMEOUT_MS,
): Promise<Uint8Array> {
  const shown = redactSecrets(url);
  if (!/^https?:\/\//i.test(url))
    throw new CoverDownloadError(url, false, `The cover address ${shown} is not a web address.`);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { 'user-agent': USER_AGENT, accept: 'image/*' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const why = timedOut ? `did not answer within ${timeoutMs / 1000} s` : 'could not be reached';
    throw new CoverDownloadError(url, true, `The cover at ${shown} ${why}.`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    const transient = response.status >= 500 || response.status === 429;
    throw new CoverDownloadError(
      url,
      transient,
      `The cover at ${shown} answered HTTP ${response.status}.`,
    );
  }
  const bytes = await readCapped(response, url);
  if (!isCoverImageType(sniffImageType(bytes)))
    throw new CoverDownloadError(
      url,
      false,
      `What ${shown} sent is not a JPEG, PNG, WebP, GIF or AVIF image.`,
    );
  return bytes;
}

async function readCapped(response: Response, url: string): Promise<Uint8Array> {
  const tooBig = () =>
    new CoverDownloadError(
      url,
      false,
      `The cover at ${redactSecrets(url)} is larger than ${MAX_COVER_BYTES / 1024 / 1024} MB.`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_COVER_BYTES) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new CoverDownloadError(url, true, `The cover at ${redactSecrets(url)} broke off.`);
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > MAX_COVER_BYTES) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
