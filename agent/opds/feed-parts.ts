import type { Identifier } from '#core/metadata/types';
import type { Feed, FeedKind } from './feeds';
import type { OpdsBook } from './opds-book';

/** A link of a feed to itself, its start and its other pages. */
export interface FeedLink {
  rel: 'self' | 'start' | 'first' | 'previous' | 'next' | 'last';
  href: string;
  kind: FeedKind;
}

/**
 * The feed's own links under `root` (/opds or /opds/v2): itself, the
 * catalog's start, and for a paged feed the first, previous, next and last
 * pages (RFC 5005's relations, which OPDS 1.2 and 2.0 both use).
 */
export function feedLinks(feed: Feed, root: string, termsParam: string): FeedLink[] {
  const href = (page?: number) => {
    const params = new URLSearchParams();
    if (feed.terms !== undefined) params.set(termsParam, feed.terms);
    if (page !== undefined && page > 1) params.set('page', String(page));
    const query = params.toString();
    return `${root}${feed.path}${query ? `?${query}` : ''}`;
  };
  const links: FeedLink[] = [
    { rel: 'self', href: href(feed.paging?.page), kind: feed.kind },
    { rel: 'start', href: root, kind: 'navigation' },
  ];
  if (feed.paging) {
    const { page, perPage, total } = feed.paging;
    const last = Math.max(1, Math.ceil(total / perPage));
    links.push({ rel: 'first', href: href(1), kind: feed.kind });
    if (page > 1)
      links.push({ rel: 'previous', href: href(Math.min(page - 1, last)), kind: feed.kind });
    if (page < last) links.push({ rel: 'next', href: href(page + 1), kind: feed.kind });
    links.push({ rel: 'last', href: href(last), kind: feed.kind });
  }
  return links;
}

/**
 * An identifier as a URI (`urn:isbn:…`), as Dublin Core and OPDS 2.0 take
 * it; undefined when it cannot be one (a "uri" that is no URI).
 */
export function identifierUri(id: Identifier): string | undefined {
  const value = id.value.trim();
  let uri: string;
  switch (id.scheme) {
    case 'isbn':
      uri = `urn:isbn:${value.replace(/[^0-9Xx]/g, '').toUpperCase()}`;
      break;
    case 'uuid':
      uri = /^urn:uuid:/i.test(value) ? value : `urn:uuid:${encodeURIComponent(value)}`;
      break;
    case 'doi':
      uri = /^doi:/i.test(value) ? value : `doi:${encodeURIComponent(value)}`;
      break;
    case 'uri':
      uri = value;
      break;
    default:
      uri = `urn:${id.scheme}:${encodeURIComponent(value)}`;
  }
  return URL.canParse(uri) && !/\s/.test(uri) ? uri : undefined;
}

/** A BCP 47 language tag, as OPDS 2.0 wants (a book may say "English" or "eng/fre"). */
export const isLanguageTag = (tag: string) => /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag);

/**
 * A publication date as OPDS 2.0 takes it (a full date or date and time): a
 * year or a month stands for its first day, as Calibre writes them.
 */
export function fullDate(published: string): string | undefined {
  const value = published.trim();
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const time = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && Number.isFinite(time)
    ? new Date(time).toISOString()
    : undefined;
}

export const isoDate = (ms: number) => new Date(ms).toISOString();

/**
 * What a book's entry says in words: where it stands in its series, how far
 * the user has read, then its description.
 */
export function bookSummary(book: OpdsBook, progress: number | undefined): string {
  const parts: string[] = [];
  if (book.series)
    parts.push(`${book.series}${book.seriesNumber !== undefined ? ` #${book.seriesNumber}` : ''}`);
  if (progress !== undefined) parts.push(`${Math.round(progress * 100)}% read`);
  if (book.description) parts.push(book.description);
  return parts.join(' · ');
}
