import { bytesSource, type ByteSource } from '#core/bytes/byte-source';
import { RANGE_CHUNK_SIZE } from '#core/formats/pdf/range-transport';

/** Why the agent did not give the book's bytes, in words the user can act on. */
export class BookDownloadError extends Error {
  override name = 'BookDownloadError';
  constructor(
    message: string,
    /** The HTTP status, when the agent answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export type RangeFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpRangeOptions {
  /** Bytes asked for first (they also tell the size); pdf.js's first chunk. */
  first?: number;
  /** Aborts every request still running (the reader closed). */
  signal?: AbortSignal;
  fetch?: RangeFetch;
}

/**
 * A ByteSource over a file the agent serves, read a range at a time (HTTP
 * Range, 206), so a 100 MB PDF shows its first page after a few of them. The
 * first range tells the size (Content-Range) and is kept: pdf.js starts
 * there. A server that ignores Range answers with the whole file, which then
 * comes whole. Later ranges carry If-Range, so a file replaced meanwhile is
 * noticed instead of read as a mix of two files.
 */
export async function httpRangeSource(
  url: string,
  name: string,
  {
    first = RANGE_CHUNK_SIZE,
    signal,
    fetch: fetchRange = (u, i) => fetch(u, i),
  }: HttpRangeOptions = {},
): Promise<ByteSource> {
  const request = async (start: number, end: number, validator?: string): Promise<Response> => {
    const headers: Record<string, string> = { Range: `bytes=${start}-${end - 1}` };
    if (validator) headers['If-Range'] = validator;
    try {
      return await fetchRange(url, { headers, credentials: 'same-origin', signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new BookDownloadError(
        'The agent could not be reached: check that it is running and that this device is online, then open the book again.',
      );
    }
  };

  const opening = await request(0, first);
  if (opening.status === 200) return bytesSource(await body(opening), name);
  // 416 to "the first bytes": the file is empty (readHead says so).
  if (opening.status === 416) return bytesSource(new Uint8Array(0), name);
  if (opening.status !== 206) throw statusError(opening.status);
  const size = totalSize(opening.headers.get('content-range'));
  if (size === undefined)
    throw new BookDownloadError(
      'The agent answered without saying how large the file is, so it cannot be read in parts. Update the agent, then open the book again.',
    );
  const validator =
    opening.headers.get('etag') ?? opening.headers.get('last-modified') ?? undefined;
  const head = await body(opening);

  return {
    size,
    name,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, size));
      const end = Math.max(start, Math.min(offset + length, size));
      if (end === start) return new Uint8Array(0);
      if (end <= head.byteLength) return head.subarray(start, end);
      const response = await request(start, end, validator);
      if (response.status === 206) return body(response);
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 200 || response.status === 416)
        throw new BookDownloadError(
          'The file changed on the agent while it was being read. Open the book again.',
          response.status,
        );
      throw statusError(response.status);
    },
  };
}

/** The total of a `Content-Range: bytes 0-65535/104857600` header. */
export function totalSize(contentRange: string | null): number | undefined {
  const match = /^bytes\s+(?:\d+-\d+|\*)\/(\d+)\s*$/i.exec(contentRange ?? '');
  return match ? Number(match[1]) : undefined;
}

async function body(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

function statusError(status: number): BookDownloadError {
  const message =
    status === 401
      ? 'You are signed out of the agent. Sign in again, then open the book.'
      : status === 403
        ? 'Your account on the agent may not read this book. Ask the agent’s admin.'
        : status === 404
          ? 'The agent no longer has this file: it was moved, renamed or deleted. Scan the library again once it is back.'
          : `The agent could not send the book (HTTP ${status}). Try again in a moment; if it keeps failing, the agent’s log says why.`;
  return new BookDownloadError(message, status);
}
