import { comicPageUrl, READING } from '#core/api/reading';
import { ApiError, apiRequest } from '$lib/auth/api';
import { PageSourceError, type PageSource } from './page-source';
import { PageUrls } from './page-urls';

/**
 * A comic the agent serves a page at a time (READING.pages and READING.page):
 * the archive never leaves the agent, however large it is. Each page is
 * fetched as one image into an object URL, so a refused page brings the
 * agent's own words, not a broken image.
 */
export async function openRemotePages(
  bookId: string,
  /** The page to show first: it is asked for alongside the list, saving a round trip. */
  first?: number,
): Promise<PageSource> {
  const aborts = new AbortController();
  const urls = new PageUrls();
  const load = (index: number) => () => fetchPage(comicPageUrl(bookId, index), aborts.signal);
  const early = first !== undefined ? urls.get(first, load(first)) : undefined;
  early?.catch(() => undefined);
  let list;
  try {
    list = await apiRequest(READING.pages, { params: { id: bookId } });
  } catch (error) {
    aborts.abort();
    urls.releaseAll();
    throw bookError(error);
  }
  const count = list.pages.length;
  if (first !== undefined && first >= count) urls.release(first);
  return {
    count,
    rightToLeft: list.rightToLeft,
    pageUrl: (index) => urls.get(index, load(index)),
    release: (index) => urls.release(index),
    close: () => {
      aborts.abort();
      urls.releaseAll();
    },
  };
}

async function fetchPage(url: string, signal: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new PageSourceError(
      'The agent cannot be reached, so this page cannot be shown. Back online, turn the page again — or use "Keep on this device" on the book\u2019s page to read it offline.',
      'book',
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as {
      error?: unknown;
      message?: unknown;
    };
    const message =
      typeof body.message === 'string' ? body.message : `The agent answered ${response.status}.`;
    // The list was read, so an unreadable page is that page's problem (a damaged image);
    // anything else (signed out, the file gone) stops the whole book.
    throw new PageSourceError(message, body.error === 'unreadable' ? 'page' : 'book');
  }
  return response.blob();
}

function bookError(error: unknown): PageSourceError {
  if (error instanceof ApiError) return new PageSourceError(error.message, 'book');
  return new PageSourceError(error instanceof Error ? error.message : String(error), 'book');
}
