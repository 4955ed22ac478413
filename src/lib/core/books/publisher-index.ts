import { publisherKey as companyKey } from '../merge/field-kinds';
import type { BrowseFacts } from './browse-facts';
import { seriesKey } from './series-index';

/**
 * Publishers with their imprints and the series they publish: a publisher's
 * page lists its series (and the books in none), each under its imprint
 * when the books name one.
 */
export interface PublisherEntry {
  /** Stable id for URLs: the normalised name. */
  key: string;
  /** The name as most of its books spell it. */
  name: string;
  bookCount: number;
  imprints: string[];
  series: PublisherSeries[];
  /** Books in no series, by title. */
  standalone: { id: string; title: string }[];
}

export interface PublisherSeries {
  /** The series page's key (series-index seriesKey). */
  key: string;
  name: string;
  books: number;
  imprint?: string;
}

type PublisherSource = Pick<
  BrowseFacts,
  'id' | 'title' | 'titleKey' | 'publisher' | 'imprint' | 'series'
>;

/**
 * The key two spellings of a publisher share, as metadata merging compares
 * them: case, accents, punctuation and legal forms ("DC Comics, Inc.") ignored.
 */
export function publisherKey(name: string): string {
  return companyKey(name).replace(/\s+/g, '-');
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

export function buildPublishers(docs: Iterable<PublisherSource>): PublisherEntry[] {
  const groups = new Map<string, PublisherSource[]>();
  for (const doc of docs) {
    const key = doc.publisher ? publisherKey(doc.publisher) : '';
    if (!key) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(doc);
  }
  const entries: PublisherEntry[] = [];
  for (const [key, books] of groups) {
    const series = new Map<string, { names: string[]; imprints: string[]; books: number }>();
    for (const book of books) {
      if (!book.series) continue;
      const k = seriesKey(book.series);
      const s = series.get(k) ?? { names: [], imprints: [], books: 0 };
      s.names.push(book.series);
      if (book.imprint) s.imprints.push(book.imprint);
      s.books++;
      series.set(k, s);
    }
    entries.push({
      key,
      name: mostCommon(books.flatMap((b) => (b.publisher ? [b.publisher] : []))),
      bookCount: books.length,
      imprints: [...new Set(books.flatMap((b) => (b.imprint ? [b.imprint] : [])))].sort(),
      series: [...series]
        .map(([k, s]) => ({
          key: k,
          name: mostCommon(s.names),
          books: s.books,
          ...(s.imprints.length > 0 && { imprint: mostCommon(s.imprints) }),
        }))
        .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
      standalone: books
        .filter((b) => !b.series)
        .sort((a, b) => (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : 0))
        .map(({ id, title }) => ({ id, title })),
    });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}
