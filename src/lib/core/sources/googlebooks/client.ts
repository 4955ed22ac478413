import { isbnDigits } from '../../metadata/isbn';
import { keyId, trimBase } from '../base-url';
import { ok, type SourceResult } from '../errors';
import type { SourceFetch } from '../http';
import { getJson, type RequestContext } from '../request';
import { gbVolume, gbVolumes, type GbVolume } from './schema';

export const GOOGLEBOOKS_URL = 'https://www.googleapis.com/books/v1';

export interface GoogleBooksOptions {
  fetch: SourceFetch;
  baseUrl?: string;
  now?: () => number;
}

export interface GoogleBooksClient {
  byIsbn(isbn: string): Promise<SourceResult<GbVolume[]>>;
  search(query: {
    title: string;
    author?: string;
    language?: string;
    limit?: number;
  }): Promise<SourceResult<GbVolume[]>>;
  /** One volume in full: a longer description (HTML) and larger image links than a list gives. */
  volume(id: string): Promise<SourceResult<GbVolume>>;
}

/** A search term as Google reads it: quoted, and without quotes of its own. */
const term = (field: string, text: string): string =>
  `${field}:"${text.replace(/"/g, ' ').trim()}"`;

/** Google Books over an injected fetch. Expected failures come back as SourceErrors. */
export function googleBooksClient(options: GoogleBooksOptions): GoogleBooksClient {
  const base = trimBase(options.baseUrl ?? GOOGLEBOOKS_URL);
  const context: RequestContext = {
    source: 'googlebooks',
    fetch: options.fetch,
    ...(options.now && { now: options.now }),
  };
  const volumes = async (params: URLSearchParams) => {
    const answer = await getJson(context, `${base}/volumes?${params}`, gbVolumes);
    return answer.ok ? ok(answer.value.items ?? []) : answer;
  };
  return {
    byIsbn: (isbn) => volumes(new URLSearchParams({ q: `isbn:${isbnDigits(isbn)}` })),
    search({ title, author, language, limit = 10 }) {
      const q = [term('intitle', title), ...(author ? [term('inauthor', author)] : [])].join(' ');
      const params = new URLSearchParams({ q, printType: 'books', maxResults: String(limit) });
      if (language) params.set('langRestrict', language);
      return volumes(params);
    },
    volume: (id) => getJson(context, `${base}/volumes/${keyId(id)}`, gbVolume),
  };
}
