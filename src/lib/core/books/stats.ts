import type { SearchDoc } from '../search/search-doc';

export interface Count {
  value: string;
  count: number;
}

/** What the dashboard shows of a catalog. */
export interface CatalogStats {
  total: number;
  byFormat: Count[];
  byLanguage: Count[];
  /** Publication decades, oldest first ("1890s"); books without a year are not counted. */
  byDecade: Count[];
  byStatus: Count[];
  /** Books added per calendar month (UTC, "2026-03"), every month from the first to the last. */
  addedByMonth: Count[];
  /** Share (0–1) of books that have each piece of metadata. */
  completeness: {
    cover: number;
    author: number;
    series: number;
    isbn: number;
    description: number;
  };
  /** The most recently added books, newest first. */
  recent: string[];
}

type StatsSource = Pick<
  SearchDoc,
  | 'id'
  | 'format'
  | 'otherFormats'
  | 'languages'
  | 'year'
  | 'status'
  | 'hasCover'
  | 'authors'
  | 'series'
  | 'isbns'
  | 'description'
  | 'addedAt'
>;

/** "2026-03" for an instant, in UTC so every device groups a book in the same month. */
export function monthOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** Every month from `first` to `last` ("2025-11" … "2026-02"), both included. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let current = first; current <= last;) {
    out.push(current);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return out;
}

/** Counts per month, with the months between that have none as zeros. */
export function monthly(map: Map<string, number>): Count[] {
  const months = [...map.keys()].sort();
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return [];
  return monthsBetween(first, last).map((value) => ({ value, count: map.get(value) ?? 0 }));
}

function counted(map: Map<string, number>): Count[] {
  return [...map]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts and shares over the whole catalog, in one pass. */
export function catalogStats(docs: readonly StatsSource[], recentCount = 12): CatalogStats {
  const formats = new Map<string, number>();
  const languages = new Map<string, number>();
  const decades = new Map<string, number>();
  const statuses = new Map<string, number>();
  const added = new Map<string, number>();
  const has = { cover: 0, author: 0, series: 0, isbn: 0, description: 0 };
  for (const doc of docs) {
    // A book grouped with its other formats counts under each, as the Format filter does.
    for (const format of new Set([doc.format, ...(doc.otherFormats ?? [])])) bump(formats, format);
    bump(statuses, doc.status);
    if (Number.isFinite(doc.addedAt) && doc.addedAt > 0) bump(added, monthOf(doc.addedAt));
    for (const language of doc.languages.length ? doc.languages : ['unknown'])
      bump(languages, language);
    if (doc.year !== undefined) bump(decades, `${Math.floor(doc.year / 10) * 10}s`);
    if (doc.hasCover) has.cover++;
    if (doc.authors.length) has.author++;
    if (doc.series) has.series++;
    if (doc.isbns.length) has.isbn++;
    if (doc.description) has.description++;
  }
  const total = docs.length;
  const share = (n: number) => (total ? n / total : 0);
  const recent = [...docs]
    .sort((a, b) => b.addedAt - a.addedAt)
    .slice(0, recentCount)
    .map((d) => d.id);
  return {
    total,
    byFormat: counted(formats),
    byLanguage: counted(languages),
    byDecade: counted(decades).sort((a, b) => a.value.localeCompare(b.value)),
    byStatus: counted(statuses),
    addedByMonth: monthly(added),
    completeness: {
      cover: share(has.cover),
      author: share(has.author),
      series: share(has.series),
      isbn: share(has.isbn),
      description: share(has.description),
    },
    recent,
  };
}
