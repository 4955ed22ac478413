import type { ReaderSource } from '../reader-types';

/** Why a book could not be opened, in a sentence the reader shows as is. */
export class EpubOpenError extends Error {
  override name = 'EpubOpenError';
}

/** The part of fetch this module uses (tests pass their own). */
export type BytesFetch = (
  url: string,
  init: { credentials: 'same-origin' },
) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer' | 'text'>>;

/**
 * The whole EPUB as bytes. epubjs unzips in memory anyway, so the file is
 * fetched once, with the session cookie (same origin), and a refusal shows
 * the agent's own message.
 */
export async function epubBytes(
  source: ReaderSource,
  fetchBytes: BytesFetch = (url, init) => fetch(url, init),
): Promise<ArrayBuffer> {
  if (source.kind === 'blob') {
    try {
      return await source.blob.arrayBuffer();
    } catch {
      throw new EpubOpenError(
        'The copy of this book on this device could not be read. Open it from the agent, or keep it on this device again.',
      );
    }
  }
  let response: Awaited<ReturnType<BytesFetch>>;
  try {
    response = await fetchBytes(source.url, { credentials: 'same-origin' });
  } catch {
    throw new EpubOpenError(
      'The agent cannot be reached to send this book. Check the connection and try again, or keep the book on this device to read it offline.',
    );
  }
  if (!response.ok) throw new EpubOpenError(await refusal(response));
  return response.arrayBuffer();
}

async function refusal(response: Pick<Response, 'status' | 'text'>): Promise<string> {
  if (response.status === 401) return 'Your session has ended: sign in again to read this book.';
  const text = await response.text().catch(() => '');
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    // Not JSON (a proxy's page, say): the status says enough.
  }
  return typeof message === 'string' && message
    ? message
    : `The agent could not send this book (it answered ${response.status}). Try again later.`;
}

/**
 * What epubjs's (or JSZip's) failure to open the bytes means for the user:
 * the file is not a zip, or a part every EPUB has is missing.
 */
export function openFailure(error: unknown): string {
  if (error instanceof EpubOpenError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  if (/zip|central directory|end of data|corrupt|signature/i.test(detail))
    return 'This file is not a readable EPUB: its archive is damaged or it is not an EPUB at all. Download it again, or check it in another reader.';
  if (/not found|container|package|rootfile|opf/i.test(detail))
    return 'This EPUB is missing a part every EPUB has (its container or package file), so it cannot be shown. Check the file in another reader or with EPUBCheck.';
  return `This EPUB could not be shown (${detail}). Check the file in another reader.`;
}
