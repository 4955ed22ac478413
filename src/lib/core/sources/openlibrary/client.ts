import { isbnDigits } from '../../metadata/isbn';
import { keyId, trimBase } from '../base-url';
import { ok, type SourceResult } from '../errors';
import type { SourceFetch } from '../http';
import { getJson, type RequestContext } from '../request';
import {
  olBooksAnswer,
  olEdition,
  olEditions,
  olSearch,
  olWork,
  type OlBooksRecord,
  type OlEdition,
  type OlSearchDoc,
  type OlWork,
} from './schema';

export const OPENLIBRARY_URL = 'https://openlibrary.org';
export const OPENLIBRARY_COVERS_URL = 'https://covers.openlibrary.org';

export interface OpenLibraryOptions {
  fetch: SourceFetch;
  baseUrl?: string;
  coversUrl?: string;
  now?: () => number;
}

export type CoverSize = 'S' | 'M' | 'L';

/** The fields a search asks for: the search API's default set is large and changes. */
const SEARCH_FIELDS = [
  'key',
  'title',
  'subtitle',
  'author_name',
  'first_publish_year',
  'language',
  'cover_i',
  'cover_edition_key',
  'edition_key',
  'publisher',
  'subject',
  'number_of_pages_median',
].join(',');

export interface OpenLibraryClient {
  /** The Books API record for an ISBN; undefined when Open Library does not know it. */
  byIsbn(isbn: string): Promise<SourceResult<OlBooksRecord | undefined>>;
  /** Works by title and author, best first as Open Library ranks them. */
  search(query: {
    title: string;
    author?: string;
    limit?: number;
  }): Promise<SourceResult<OlSearchDoc[]>>;
  edition(key: string): Promise<SourceResult<OlEdition>>;
  work(key: string): Promise<SourceResult<OlWork>>;
  /** A work's editions (the first `limit`, Open Library's order). */
  editions(workKey: string, limit?: number): Promise<SourceResult<OlEdition[]>>;
  /**
   * A cover image URL. `default=false` makes a missing cover a 404 rather than
   * a blank placeholder image, so a cover fetcher can tell.
   */
  coverUrl(by: 'id' | 'isbn' | 'olid', value: string | number, size?: CoverSize): string;
}

/** Open Library over an injected fetch. Expected failures come back as SourceErrors. */
export function openLibraryClient(options: OpenLibraryOptions): OpenLibraryClient {
  const base = trimBase(options.baseUrl ?? OPENLIBRARY_URL);
  const covers = trimBase(options.coversUrl ?? OPENLIBRARY_COVERS_URL);
  const context: RequestContext = {
    source: 'openlibrary',
    fetch: options.fetch,
    ...(options.now && { now: options.now }),
  };
  return {
    async byIsbn(isbn) {
      const bibkey = `ISBN:${isbnDigits(isbn)}`;
      const url = `${base}/api/books?bibkeys=${encodeURIComponent(bibkey)}&jscmd=data&format=json`;
      const answer = await getJson(context, url, olBooksAnswer);
      if (!answer.ok) return answer;
      return ok(answer.value[bibkey] ?? Object.values(answer.value)[0]);
    },
    async search({ title, author, limit = 10 }) {
      const params = new URLSearchParams({ title });
      if (author) params.set('author', author);
      params.set('fields', SEARCH_FIELDS);
      params.set('limit', String(limit));
      const answer = await getJson(context, `${base}/search.json?${params}`, olSearch);
      return answer.ok ? ok(answer.value.docs) : answer;
    },
    edition: (key) => getJson(context, `${base}/books/${keyId(key)}.json`, olEdition),
    work: (key) => getJson(context, `${base}/works/${keyId(key)}.json`, olWork),
    async editions(workKey, limit = 50) {
      const url = `${base}/works/${keyId(workKey)}/editions.json?limit=${limit}`;
      const answer = await getJson(context, url, olEditions);
      return answer.ok ? ok(answer.value.entries) : answer;
    },
    coverUrl: (by, value, size = 'L') =>
      `${covers}/b/${by}/${encodeURIComponent(String(value))}-${size}.jpg?default=false`,
  };
}
