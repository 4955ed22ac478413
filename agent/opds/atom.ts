import { XMLBuilder } from 'fast-xml-parser';
import { authorKey } from '#core/books/author-index';
import { seriesKey } from '#core/books/series-index';
import { BOOK_MEDIA_TYPES } from '#core/formats/media-types';
import { OPDS_V1_PATH } from '#core/opds/device-urls';
import { shortBookId } from '../metadata/book-state';
import { BOOK_LINKS, CONVERTIBLE, formatFiles } from './book-links';
import { feedLinks, bookSummary, identifierUri, isoDate } from './feed-parts';
import type { Feed, FeedKind } from './feeds';
import type { OpdsBook } from './opds-book';

/** The media types of OPDS 1.2's catalogs, by kind. */
export const ATOM_TYPES: Record<FeedKind, string> = {
  navigation: 'application/atom+xml;profile=opds-catalog;kind=navigation',
  acquisition: 'application/atom+xml;profile=opds-catalog;kind=acquisition',
};
export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml';

const NAMESPACES = {
  '@_xmlns': 'http://www.w3.org/2005/Atom',
  '@_xmlns:dc': 'http://purl.org/dc/terms/',
  '@_xmlns:opds': 'http://opds-spec.org/2010/catalog',
  '@_xmlns:opensearch': 'http://a9.com/-/spec/opensearch/1.1/',
  '@_xmlns:pse': 'http://vaemendis.net/opds-pse/ns',
};

/** Characters XML 1.0 does not allow (C0 controls but tab and newlines, lone surrogates, U+FFFE/F). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- removing the control characters XML forbids is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML can hold it: the builder escapes markup, this drops what XML cannot hold at all. */
const text = (value: string) => value.replace(NOT_XML, '');

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  format: false,
});

type Node = Record<string, unknown>;

function link(rel: string, href: string, type: string, extra: Node = {}): Node {
  return { '@_rel': rel, '@_href': text(href), '@_type': type, ...extra };
}

function bookEntry(book: OpdsBook, library: string, progress: number | undefined): Node {
  const id = shortBookId(book.id);
  const summary = bookSummary(book, progress);
  const links: Node[] = [];
  if (book.cover) {
    links.push(
      link('http://opds-spec.org/image', BOOK_LINKS.cover(book.cover, 'medium'), 'image/webp'),
    );
    links.push(
      link(
        'http://opds-spec.org/image/thumbnail',
        BOOK_LINKS.cover(book.cover, 'small'),
        'image/webp',
      ),
    );
  }
  // One acquisition link per format (the book's own file carries its size).
  const files = formatFiles(book);
  for (const file of files)
    links.push(
      link(
        'http://opds-spec.org/acquisition',
        file.href,
        BOOK_MEDIA_TYPES[file.format],
        file.id === book.id ? { '@_length': book.size } : {},
      ),
    );
  if (CONVERTIBLE.has(book.format) && !files.some((f) => f.format === 'epub'))
    links.push(
      link('http://opds-spec.org/acquisition', BOOK_LINKS.epub(book), BOOK_MEDIA_TYPES.epub, {
        '@_title': 'EPUB (converted)',
      }),
    );
  if (book.pageCount)
    links.push(
      link('http://vaemendis.net/opds-pse/stream', BOOK_LINKS.pages(book), 'image/jpeg', {
        '@_pse:count': book.pageCount,
      }),
    );
  if (book.series)
    links.push(
      link(
        'related',
        `${OPDS_V1_PATH}/series/${encodeURIComponent(seriesKey(book.series))}`,
        ATOM_TYPES.acquisition,
        {
          '@_title': text(`More of ${book.series}`),
        },
      ),
    );
  return {
    title: text(book.title),
    id: `urn:colophon:${library}:book:${id}`,
    updated: isoDate(book.updatedAt || book.addedAt),
    author: book.authors.map((name) => ({
      name: text(name),
      uri: `${OPDS_V1_PATH}/authors/${encodeURIComponent(authorKey(name))}`,
    })),
    'dc:language': book.languages.map(text),
    'dc:publisher': book.publisher && text(book.publisher),
    'dc:issued': book.published && text(book.published),
    'dc:identifier': (book.identifiers ?? []).flatMap((i) => identifierUri(i) ?? []).map(text),
    category: book.subjects.map((s) => ({ '@_term': text(s), '@_label': text(s) })),
    summary: summary ? { '@_type': 'text', '#text': text(summary) } : undefined,
    link: links,
  };
}

/** A feed as OPDS 1.2 (Atom XML), its links under /opds. */
export function atomFeed(feed: Feed, library: string): string {
  const now = new Date().toISOString();
  const links = [
    ...feedLinks(feed, OPDS_V1_PATH, 'q').map((l) => link(l.rel, l.href, ATOM_TYPES[l.kind])),
    link('search', `${OPDS_V1_PATH}/search.xml`, OPENSEARCH_TYPE),
    // Some clients (KOReader among them) read a search template straight from the feed.
    link('search', `${OPDS_V1_PATH}/search?q={searchTerms}`, 'application/atom+xml'),
  ];
  const updated = feed.books.reduce((latest, b) => Math.max(latest, b.updatedAt), 0);
  const paging = feed.paging && {
    'opensearch:totalResults': feed.paging.total,
    'opensearch:itemsPerPage': feed.paging.perPage,
    'opensearch:startIndex': (feed.paging.page - 1) * feed.paging.perPage + 1,
  };
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    feed: {
      ...NAMESPACES,
      id: `urn:colophon:${library}:opds${feed.path}`,
      title: text(feed.title),
      subtitle: feed.message && text(feed.message),
      updated: updated ? isoDate(updated) : now,
      author: { name: 'Colophon' },
      link: links,
      ...paging,
      entry: [
        ...feed.navigation.map((item) => ({
          title: text(item.title),
          id: `urn:colophon:${library}:opds${item.path}`,
          updated: now,
          content: item.summary && { '@_type': 'text', '#text': text(item.summary) },
          link: link(
            item.rel ?? 'subsection',
            `${OPDS_V1_PATH}${item.path}`,
            ATOM_TYPES[item.kind],
          ),
        })),
        ...feed.books.map((book) => bookEntry(book, library, feed.progress?.get(book.id))),
      ],
    },
  }) as string;
}

/** The OpenSearch description OPDS 1.2 clients read to learn how to search. */
export function openSearchDescription(): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    OpenSearchDescription: {
      '@_xmlns': 'http://a9.com/-/spec/opensearch/1.1/',
      ShortName: 'Colophon',
      Description:
        'Search the library: words of a title, author, series or description, or the query language (author:le guin year:<1975 format:epub).',
      InputEncoding: 'UTF-8',
      OutputEncoding: 'UTF-8',
      Url: {
        '@_type': ATOM_TYPES.acquisition,
        '@_template': `${OPDS_V1_PATH}/search?q={searchTerms}`,
      },
    },
  }) as string;
}
