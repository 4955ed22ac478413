import type { SearchDoc } from '../search/search-doc';
import { titleSortKey } from './sort-key';

/** One book's place in a series, as the series page lists it. */
export interface SeriesBook {
  id: string;
  title: string;
  number?: number;
}

export interface SeriesEntry {
  /** Stable id for URLs: the normalised name. */
  key: string;
  /** The name as most of its books spell it. */
  name: string;
  /** In reading order: by number (decimals, 0 and negative prequels in place), unnumbered last. */
  books: SeriesBook[];
  authors: string[];
  /** Whole positions missing between the lowest and the highest one owned. */
  gaps: number[];
  /** Positions held by more than one book. */
  duplicates: number[];
}

type SeriesSource = Pick<
  SearchDoc,
  'id' | 'title' | 'titleKey' | 'series' | 'seriesNumber' | 'authors'
>;

/** The key two spellings of one series share: case, accents, apostrophes and spacing ignored. */
export function seriesKey(name: string): string {
  return titleSortKey(name.replace(/[’‘`´]/g, "'"));
}

/**
 * Whole positions missing between the lowest and the highest one owned. Only
 * numbers between two owned books count: a lone #11 is not "10 missing", and
 * owning #3 to #5 says nothing of #1 and #2 (a run may start anywhere, and a
 * collected edition may take its first numbers).
 */
export function gapsIn(numbers: readonly number[]): number[] {
  const whole = new Set(numbers.filter((n) => Number.isInteger(n)));
  if (whole.size < 2) return [];
  const start = Math.min(...whole);
  const end = Math.max(...whole);
  const gaps: number[] = [];
  // A run of hundreds of missing numbers is a numbering scheme (years, issue 1000), not gaps.
  if (end - start > 500) return gaps;
  for (let n = start; n <= end; n++) if (!whole.has(n)) gaps.push(n);
  return gaps;
}

/**
 * One line saying what the library holds of a series, in words:
 * "3 books · #9 to #17 · 6 missing", "6 books · all #1", "1 book · #11"; a
 * comic series counts issues ("4 issues · #1 to #4").
 */
export function seriesSummary(
  entry: Pick<SeriesEntry, 'books' | 'gaps'>,
  unit: 'book' | 'issue' = 'book',
): string {
  const count = entry.books.length;
  const parts = [`${count} ${unit}${count === 1 ? '' : 's'}`];
  const numbers = seriesNumbersText(entry);
  if (numbers) parts.push(numbers);
  if (entry.gaps.length) parts.push(`${entry.gaps.length} missing`);
  return parts.join(' · ');
}

/** The numbers the series' books carry: "#9 to #17", "#11", "all #1"; undefined when none do. */
export function seriesNumbersText(entry: Pick<SeriesEntry, 'books'>): string | undefined {
  const numbers = entry.books.flatMap((b) => (b.number === undefined ? [] : [b.number]));
  if (!numbers.length) return undefined;
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  if (low !== high) return `#${low} to #${high}`;
  return numbers.length > 1 ? `all #${low}` : `#${low}`;
}

function duplicatesIn(numbers: readonly number[]): number[] {
  const seen = new Set<number>();
  const twice = new Set<number>();
  for (const n of numbers) (seen.has(n) ? twice : seen).add(n);
  return [...twice].sort((a, b) => a - b);
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

function byReadingOrder(
  a: SeriesBook & { titleKey: string },
  b: SeriesBook & { titleKey: string },
): number {
  if (a.number !== undefined && b.number !== undefined && a.number !== b.number)
    return a.number - b.number;
  if (a.number === undefined && b.number !== undefined) return 1;
  if (a.number !== undefined && b.number === undefined) return -1;
  return a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : 0;
}

/** Groups books into series, each in reading order with its gaps and duplicate positions. */
export function buildSeries(docs: Iterable<SeriesSource>): SeriesEntry[] {
  const groups = new Map<
    string,
    (SeriesBook & { titleKey: string; spelling: string; authors: string[] })[]
  >();
  for (const doc of docs) {
    if (!doc.series) continue;
    const key = seriesKey(doc.series);
    if (!key) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push({
      id: doc.id,
      title: doc.title,
      titleKey: doc.titleKey,
      spelling: doc.series,
      authors: doc.authors,
      ...(doc.seriesNumber !== undefined ? { number: doc.seriesNumber } : {}),
    });
  }
  const entries: SeriesEntry[] = [];
  for (const [key, books] of groups) {
    books.sort(byReadingOrder);
    const numbers = books.flatMap((b) => (b.number === undefined ? [] : [b.number]));
    const authors = [...new Set(books.flatMap((b) => b.authors))];
    entries.push({
      key,
      name: mostCommon(books.map((b) => b.spelling)),
      books: books.map(({ id, title, number }) => ({
        id,
        title,
        ...(number !== undefined ? { number } : {}),
      })),
      authors,
      gaps: gapsIn(numbers),
      duplicates: duplicatesIn(numbers),
    });
  }
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
