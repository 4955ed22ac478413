import type { SearchDoc } from '../search/search-doc';
import { titleSortKey } from './sort-key';

export interface AuthorEntry {
  /** Stable id for URLs: the normalised name. */
  key: string;
  name: string;
  /** "Last, First", for sorting and display in lists. */
  sortName: string;
  books: { id: string; title: string; series?: string; seriesNumber?: number }[];
  series: string[];
}

type AuthorSource = Pick<SearchDoc, 'id' | 'title' | 'authors' | 'series' | 'seriesNumber'>;

/** "H. G. Wells" → "Wells, H. G."; names already inverted or single words stay as they are. */
export function invertName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes(',')) return trimmed;
  const parts = trimmed.split(/\s+/);
  if (parts.length < 2) return trimmed;
  const last = parts.pop() as string;
  return `${last}, ${parts.join(' ')}`;
}

export function authorKey(name: string): string {
  return titleSortKey(name).replace(/\s+/g, '-');
}

/** Every author with their books and series, sorted by "Last, First". */
export function buildAuthors(docs: Iterable<AuthorSource>): AuthorEntry[] {
  const byKey = new Map<string, AuthorEntry>();
  for (const doc of docs) {
    for (const name of doc.authors) {
      const key = authorKey(name);
      if (!key) continue;
      let entry = byKey.get(key);
      if (!entry)
        byKey.set(key, (entry = { key, name, sortName: invertName(name), books: [], series: [] }));
      entry.books.push({
        id: doc.id,
        title: doc.title,
        ...(doc.series ? { series: doc.series } : {}),
        ...(doc.seriesNumber !== undefined ? { seriesNumber: doc.seriesNumber } : {}),
      });
      if (doc.series && !entry.series.includes(doc.series)) entry.series.push(doc.series);
    }
  }
  return [...byKey.values()].sort((a, b) =>
    a.sortName.localeCompare(b.sortName, undefined, { sensitivity: 'base' }),
  );
}
