import type { ReadingState } from '#core/reading/reading-state';
import type { BookFormat } from '#core/formats/types';
import type { OpdsBook } from './opds-book';
import type { GroupItem, OpdsCatalog, Page } from './opds-catalog';

export type FeedKind = 'navigation' | 'acquisition';

/** A link from a navigation feed to another feed. */
export interface NavItem {
  title: string;
  /** The feed's path below the catalog's root (`/authors/le-guin-ursula-k`). */
  path: string;
  kind: FeedKind;
  summary?: string;
  /** OPDS's relation for special feeds (`http://opds-spec.org/sort/new`); `subsection` otherwise. */
  rel?: string;
}

/**
 * One feed, whatever it is written as: OPDS 1.2 (Atom) and OPDS 2.0 (JSON)
 * render the same feeds from this, each under its own root.
 */
export interface Feed {
  /** Below the catalog's root: '' for the root, '/recent', '/series/dune'. */
  path: string;
  title: string;
  kind: FeedKind;
  /** The search terms its links keep (a search feed). */
  terms?: string;
  /** The page shown, of how many books or links. */
  paging?: { page: number; perPage: number; total: number };
  navigation: NavItem[];
  books: OpdsBook[];
  /** Something the reader should be told: a search the query language could not read. */
  message?: string;
  /** A book being read, by id: how far (0..1), shown beside it. */
  progress?: ReadonlyMap<string, number>;
}

/** Books or links a page holds: few enough for an e-reader's memory and screen. */
export const PER_PAGE = 50;

const FORMAT_NAMES: Record<BookFormat, string> = {
  epub: 'EPUB',
  mobi: 'MOBI',
  azw3: 'AZW3',
  pdf: 'PDF',
  cbz: 'CBZ (comics)',
  cbr: 'CBR (comics)',
  cb7: 'CB7 (comics)',
  cbt: 'CBT (comics)',
};

const books = (n: number) => `${n} book${n === 1 ? '' : 's'}`;
const offsetOf = (page: number) => (page - 1) * PER_PAGE;

function acquisition(
  path: string,
  title: string,
  page: number,
  found: Page<OpdsBook>,
  extra: Partial<Feed> = {},
): Feed {
  return {
    path,
    title,
    kind: 'acquisition',
    paging: { page, perPage: PER_PAGE, total: found.total },
    navigation: [],
    books: found.items,
    ...extra,
  };
}

function groups(
  path: string,
  title: string,
  page: number,
  found: Page<GroupItem>,
  itemPath: (key: string) => string,
): Feed {
  return {
    path,
    title,
    kind: 'navigation',
    paging: { page, perPage: PER_PAGE, total: found.total },
    navigation: found.items.map((g) => ({
      title: g.name,
      path: itemPath(g.key),
      kind: 'acquisition',
      summary: books(g.count),
    })),
    books: [],
  };
}

const segment = (key: string) => `/${encodeURIComponent(key)}`;

/**
 * The catalog's feeds, by path (see opds-api.ts for the routes): what each
 * lists, from the catalog's indexes, one page at a time.
 */
export const FEEDS = {
  /** The way in; the user's shelves listed only when they have some. */
  root(catalog: OpdsCatalog, shelves = 0): Feed {
    const navigation: NavItem[] = [
      {
        title: 'Continue reading',
        path: '/reading',
        kind: 'acquisition',
        summary: 'Books you are reading, the latest first',
      },
      ...(shelves > 0
        ? [
            {
              title: 'Shelves',
              path: '/shelves',
              kind: 'navigation' as const,
              summary: `Your ${shelves === 1 ? 'shelf' : `${shelves} shelves`}`,
            },
          ]
        : []),
      {
        title: 'Recently added',
        path: '/recent',
        kind: 'acquisition',
        summary: 'The newest books first',
        rel: 'http://opds-spec.org/sort/new',
      },
      { title: 'All books', path: '/all', kind: 'acquisition', summary: 'By title' },
      { title: 'Authors', path: '/authors', kind: 'navigation', summary: 'By last name' },
      { title: 'Series', path: '/series', kind: 'navigation', summary: 'By name' },
      { title: 'Genres', path: '/subjects', kind: 'navigation', summary: 'Subjects and genres' },
      { title: 'Formats', path: '/formats', kind: 'navigation', summary: 'EPUB, PDF, comics…' },
    ];
    return {
      path: '',
      title: 'Colophon',
      kind: 'navigation',
      navigation,
      books: [],
      message: `${books(catalog.size)} in the library`,
    };
  },

  recent(catalog: OpdsCatalog, page: number): Feed {
    const found = catalog.query({
      sort: { key: 'added', direction: 'desc' },
      offset: offsetOf(page),
      limit: PER_PAGE,
    });
    return acquisition('/recent', 'Recently added', page, found);
  },

  all(catalog: OpdsCatalog, page: number): Feed {
    const found = catalog.query({
      sort: { key: 'title', direction: 'asc' },
      offset: offsetOf(page),
      limit: PER_PAGE,
    });
    return acquisition('/all', 'All books', page, found);
  },

  authors(catalog: OpdsCatalog, page: number): Feed {
    const found = catalog.authorList(offsetOf(page), PER_PAGE);
    return groups('/authors', 'Authors', page, found, (key) => `/authors${segment(key)}`);
  },

  author(catalog: OpdsCatalog, key: string, page: number): Feed | undefined {
    const author = catalog.author(key);
    if (!author) return undefined;
    const found = catalog.authorBooks(key, offsetOf(page), PER_PAGE);
    return acquisition(`/authors${segment(key)}`, author.name, page, found);
  },

  seriesList(catalog: OpdsCatalog, page: number): Feed {
    const found = catalog.seriesList(offsetOf(page), PER_PAGE);
    return groups('/series', 'Series', page, found, (key) => `/series${segment(key)}`);
  },

  series(catalog: OpdsCatalog, key: string, page: number): Feed | undefined {
    const series = catalog.seriesNamed(key);
    if (!series) return undefined;
    const found = catalog.seriesBooks(key, offsetOf(page), PER_PAGE);
    return acquisition(`/series${segment(key)}`, series.name, page, found);
  },

  subjects(catalog: OpdsCatalog, page: number): Feed {
    const found = catalog.subjectList(offsetOf(page), PER_PAGE);
    return groups('/subjects', 'Genres', page, found, (key) => `/subjects${segment(key)}`);
  },

  subject(catalog: OpdsCatalog, key: string, page: number): Feed | undefined {
    const subject = catalog.subject(key);
    if (!subject) return undefined;
    const found = catalog.subjectBooks(key, offsetOf(page), PER_PAGE);
    return acquisition(`/subjects${segment(key)}`, subject.name, page, found);
  },

  formats(catalog: OpdsCatalog): Feed {
    return {
      path: '/formats',
      title: 'Formats',
      kind: 'navigation',
      navigation: catalog.formats().map(({ format, count }) => ({
        title: FORMAT_NAMES[format as BookFormat] ?? format.toUpperCase(),
        path: `/formats${segment(format)}`,
        kind: 'acquisition',
        summary: books(count),
      })),
      books: [],
    };
  },

  format(catalog: OpdsCatalog, format: BookFormat, page: number): Feed {
    const found = catalog.query({
      filters: { formats: [format] },
      sort: { key: 'title', direction: 'asc' },
      offset: offsetOf(page),
      limit: PER_PAGE,
    });
    return acquisition(`/formats${segment(format)}`, FORMAT_NAMES[format], page, found);
  },

  /** The user's books in progress, from their own reading states (most recent first). */
  reading(catalog: OpdsCatalog, states: readonly ReadingState[], page: number): Feed {
    // A format read before it was grouped is listed as its book, once (its latest state).
    const seen = new Set<string>();
    const inCatalog = states.flatMap((s) => {
      const book = catalog.listedAs(s.book);
      if (!book || seen.has(book)) return [];
      seen.add(book);
      return [{ ...s, book }];
    });
    const shown = inCatalog.slice(offsetOf(page), offsetOf(page) + PER_PAGE);
    const progress = new Map<string, number>();
    for (const s of shown) if (s.latest) progress.set(s.book, s.latest.percentage);
    return acquisition(
      '/reading',
      'Continue reading',
      page,
      { items: catalog.books(shown.map((s) => s.book)), total: inCatalog.length, offset: 0 },
      { progress },
    );
  },

  /** Books matching a query in the app's query language (`author:le guin year:<1975`), best first. */
  search(catalog: OpdsCatalog, terms: string, page: number): Feed {
    const found = catalog.query({ text: terms, offset: offsetOf(page), limit: PER_PAGE });
    return acquisition('/search', `Search: ${terms}`, page, found, {
      terms,
      ...(found.error && { message: `This search cannot be read: ${found.error.message}` }),
    });
  },
};
