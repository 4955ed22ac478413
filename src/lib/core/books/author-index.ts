import { craftOrder } from '../formats/comic/credits';
import type { BrowseFacts } from './browse-facts';
import { titleSortKey } from './sort-key';

/**
 * Authors and comic creators are one list: a person is one entry whatever
 * they did, and their page groups their books by craft (Writer, Penciller…,
 * or Author for books that are not comics), as Komga and Kavita list people.
 */
export interface AuthorEntry {
  /** Stable id for URLs: the normalised name. */
  key: string;
  name: string;
  /** "Last, First", for sorting and display in lists. */
  sortName: string;
  /** Every craft credited, in printed order ("Writer", "Inker"; "Author"). */
  crafts: string[];
  books: {
    id: string;
    title: string;
    series?: string;
    seriesNumber?: number;
    issue?: string;
    /** What this person did on this book. */
    crafts: string[];
  }[];
  series: string[];
}

type AuthorSource = Pick<
  BrowseFacts,
  'id' | 'title' | 'people' | 'series' | 'seriesNumber' | 'issue'
>;

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

/** Every author and creator with their books, crafts and series, sorted by "Last, First". */
export function buildAuthors(docs: Iterable<AuthorSource>): AuthorEntry[] {
  const byKey = new Map<string, AuthorEntry>();
  for (const doc of docs) {
    for (const person of doc.people) {
      const key = authorKey(person.name);
      if (!key) continue;
      let entry = byKey.get(key);
      if (!entry) {
        const { name } = person;
        entry = { key, name, sortName: invertName(name), crafts: [], books: [], series: [] };
        byKey.set(key, entry);
      }
      const same = entry.books.find((b) => b.id === doc.id);
      if (same) {
        for (const craft of person.crafts)
          if (!same.crafts.includes(craft)) same.crafts.push(craft);
      } else {
        entry.books.push({
          id: doc.id,
          title: doc.title,
          ...(doc.series ? { series: doc.series } : {}),
          ...(doc.seriesNumber !== undefined ? { seriesNumber: doc.seriesNumber } : {}),
          ...(doc.issue ? { issue: doc.issue } : {}),
          crafts: [...person.crafts],
        });
      }
      for (const craft of person.crafts)
        if (!entry.crafts.includes(craft)) entry.crafts.push(craft);
      if (doc.series && !entry.series.includes(doc.series)) entry.series.push(doc.series);
    }
  }
  for (const entry of byKey.values()) entry.crafts.sort((a, b) => craftOrder(a) - craftOrder(b));
  return [...byKey.values()].sort((a, b) =>
    a.sortName.localeCompare(b.sortName, undefined, { sensitivity: 'base' }),
  );
}

/** A person's books grouped by craft, in printed order; a book done in two crafts is under both. */
export function booksByCraft(entry: AuthorEntry): { craft: string; books: AuthorEntry['books'] }[] {
  return entry.crafts.map((craft) => ({
    craft,
    books: entry.books.filter((b) => b.crafts.includes(craft)),
  }));
}
