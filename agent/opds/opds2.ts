import { authorKey, invertName } from '#core/books/author-index';
import { seriesKey } from '#core/books/series-index';
import { BOOK_MEDIA_TYPES } from '#core/formats/media-types';
import { OPDS_V2_PATH } from '#core/opds/device-urls';
import { BOOK_LINKS, CONVERTIBLE, formatFiles } from './book-links';
import {
  bookSummary,
  feedLinks,
  fullDate,
  identifierUri,
  isLanguageTag,
  isoDate,
} from './feed-parts';
import type { Feed } from './feeds';
import type { OpdsBook } from './opds-book';

export const OPDS2_TYPE = 'application/opds+json';

/** OPDS 2.0 wants an image for every publication: a book without a cover shows the app's icon. */
const NO_COVER = { href: '/icons/icon-512.png', type: 'image/png', width: 512, height: 512 };

interface Link {
  href: string;
  type?: string;
  rel?: string;
  title?: string;
  templated?: boolean;
  properties?: Record<string, unknown>;
}

const feedLink = (href: string, rel?: string): Link => ({
  href,
  type: OPDS2_TYPE,
  ...(rel && { rel }),
});

function publication(book: OpdsBook, progress: number | undefined) {
  // The ISBN first: it is what a reading app can look a book up by.
  const identifier = [...(book.identifiers ?? [])]
    .sort((a, b) => Number(b.scheme === 'isbn') - Number(a.scheme === 'isbn'))
    .map(identifierUri)
    .find((uri) => uri !== undefined);
  const languages = book.languages.filter(isLanguageTag);
  const published = book.published && fullDate(book.published);
  const summary = bookSummary(book, progress);
  // One acquisition link per format.
  const files = formatFiles(book);
  const links: Link[] = files.map((file) => ({
    rel: 'http://opds-spec.org/acquisition',
    href: file.href,
    type: BOOK_MEDIA_TYPES[file.format],
  }));
  if (CONVERTIBLE.has(book.format) && !files.some((f) => f.format === 'epub'))
    links.push({
      rel: 'http://opds-spec.org/acquisition',
      href: BOOK_LINKS.epub(book),
      type: BOOK_MEDIA_TYPES.epub,
      title: 'EPUB (converted)',
    });
  if (book.pageCount)
    links.push({
      rel: 'http://vaemendis.net/opds-pse/stream',
      href: BOOK_LINKS.pages(book),
      type: 'image/jpeg',
      templated: true,
      properties: { numberOfItems: book.pageCount },
    });
  return {
    metadata: {
      '@type': 'http://schema.org/Book',
      title: book.title,
      ...(book.subtitle && { subtitle: book.subtitle }),
      ...(identifier && { identifier }),
      ...(book.authors.length > 0 && {
        author: book.authors.map((name, i) => ({
          name,
          sortAs: book.sortNames?.[i] ?? invertName(name),
          links: [feedLink(`${OPDS_V2_PATH}/authors/${encodeURIComponent(authorKey(name))}`)],
        })),
      }),
      ...(book.series && {
        belongsTo: {
          series: [
            {
              name: book.series,
              ...(book.seriesNumber !== undefined && { position: book.seriesNumber }),
              links: [
                feedLink(`${OPDS_V2_PATH}/series/${encodeURIComponent(seriesKey(book.series))}`),
              ],
            },
          ],
        },
      }),
      ...(languages.length > 0 && { language: languages }),
      ...(book.subjects.length > 0 && { subject: book.subjects.map((name) => ({ name })) }),
      ...(summary && { description: summary }),
      ...(book.publisher && { publisher: book.publisher }),
      ...(published && { published }),
      modified: isoDate(book.updatedAt || book.addedAt),
      ...(book.pageCount && { numberOfPages: book.pageCount }),
    },
    links,
    images: book.cover
      ? [
          {
            href: BOOK_LINKS.cover(book.cover, 'medium'),
            type: 'image/webp',
            width: 480,
            height: 720,
          },
          {
            href: BOOK_LINKS.cover(book.cover, 'small'),
            type: 'image/webp',
            width: 160,
            height: 240,
          },
        ]
      : [NO_COVER],
  };
}

/** A feed as OPDS 2.0 (JSON), its links under /opds/v2. */
export function opds2Feed(feed: Feed) {
  const links: Link[] = [
    ...feedLinks(feed, OPDS_V2_PATH, 'query').map((l) => feedLink(l.href, l.rel)),
    { rel: 'search', href: `${OPDS_V2_PATH}/search{?query}`, type: OPDS2_TYPE, templated: true },
  ];
  const metadata = {
    title: feed.title,
    ...(feed.message && { description: feed.message }),
    ...(feed.paging && {
      numberOfItems: feed.paging.total,
      itemsPerPage: feed.paging.perPage,
      currentPage: feed.paging.page,
    }),
  };
  const navigation = feed.navigation.map((item) => ({
    href: `${OPDS_V2_PATH}${item.path}`,
    title: item.title,
    type: OPDS2_TYPE,
    rel: item.rel ?? 'subsection',
  }));
  const publications = feed.books.map((b) => publication(b, feed.progress?.get(b.id)));
  // A feed must hold at least one publication or navigation link: an empty one leads back.
  if (navigation.length === 0 && publications.length === 0)
    navigation.push({
      href: OPDS_V2_PATH,
      title: 'Back to the catalog',
      type: OPDS2_TYPE,
      rel: 'start',
    });
  return {
    metadata,
    links,
    ...(navigation.length > 0 && { navigation }),
    ...(publications.length > 0 && { publications }),
  };
}
