/**
 * Books kept on this device: each file's bytes in Cache Storage, under a key
 * of its own (never the agent's URL, so nothing else serves or evicts it by
 * accident). A kept book opens with the agent stopped and the network off.
 */

const CACHE = 'colophon-kept-books';

/** What the list of kept books shows; the bytes stay in the cache. */
export interface KeptBook {
  id: string;
  title: string;
  format: string;
  size: number;
  keptAt: string;
}

function keyOf(bookId: string): string {
  return `/kept/${encodeURIComponent(bookId)}`;
}

function open(): Promise<Cache> {
  if (typeof caches === 'undefined')
    throw new Error('This browser cannot keep books (no Cache Storage here; it needs HTTPS).');
  return caches.open(CACHE);
}

function describe(response: Response, bookId: string): KeptBook | undefined {
  const header = response.headers.get('x-colophon-kept');
  if (!header) return undefined;
  try {
    return { ...(JSON.parse(decodeURIComponent(header)) as Omit<KeptBook, 'id'>), id: bookId };
  } catch {
    return undefined;
  }
}

/** Fetches `url` and keeps its bytes as the book `book.id`; reports bytes as they arrive. */
export async function keepBook(
  book: Omit<KeptBook, 'keptAt' | 'size'>,
  url: string,
  onProgress?: (received: number, total: number | undefined) => void,
): Promise<KeptBook> {
  const response = await fetch(url, { credentials: 'same-origin' }).catch((error: unknown) => {
    throw new Error('The agent cannot be reached: the book can be kept once it is back.', {
      cause: error,
    });
  });
  if (!response.ok) {
    const answer: unknown = await response.json().catch(() => undefined);
    const message =
      answer && typeof answer === 'object' && 'message' in answer ? String(answer.message) : '';
    throw new Error(message || `The agent could not send the book (HTTP ${response.status}).`);
  }
  const total = Number(response.headers.get('content-length')) || undefined;
  const blob = await readWithProgress(response, total, onProgress);
  await navigator.storage?.persist?.().catch(() => false);
  const kept: KeptBook = { ...book, size: blob.size, keptAt: new Date().toISOString() };
  const { id: _id, ...described } = kept;
  const headers = new Headers({
    'content-type': response.headers.get('content-type') ?? 'application/octet-stream',
    'x-colophon-kept': encodeURIComponent(JSON.stringify(described)),
  });
  try {
    await (await open()).put(keyOf(book.id), new Response(blob, { headers }));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError')
      throw new Error(
        'There is not enough room on this device to keep this book: remove kept books you have read, or free space.',
        { cause: error },
      );
    throw error;
  }
  return kept;
}

async function readWithProgress(
  response: Response,
  total: number | undefined,
  onProgress?: (received: number, total: number | undefined) => void,
): Promise<Blob> {
  if (!response.body || !onProgress) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  return new Blob(chunks, { type: response.headers.get('content-type') ?? '' });
}

/** The kept copy of a book, if this device has one. */
export async function keptBlob(bookId: string): Promise<Blob | undefined> {
  if (typeof caches === 'undefined') return undefined;
  const response = await (await open()).match(keyOf(bookId));
  return response ? response.blob() : undefined;
}

/** Every kept book, most recently kept first. */
export async function keptBooks(): Promise<KeptBook[]> {
  if (typeof caches === 'undefined') return [];
  const cache = await open();
  const books: KeptBook[] = [];
  for (const request of await cache.keys()) {
    const id = decodeURIComponent(new URL(request.url).pathname.replace(/^\/kept\//, ''));
    const response = await cache.match(request);
    const book = response && describe(response, id);
    if (book) books.push(book);
  }
  return books.sort((a, b) => b.keptAt.localeCompare(a.keptAt));
}

export async function removeKept(bookId: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  await (await open()).delete(keyOf(bookId));
}

/** What this origin uses and may use, and whether the browser promised to keep it. */
export async function storageState(): Promise<{
  usage?: number;
  quota?: number;
  persisted: boolean;
}> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  const persisted = (await navigator.storage?.persisted?.().catch(() => false)) ?? false;
  return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}
