import type { BrowseFacts } from './browse-facts';
import { gapsIn, seriesKey } from './series-index';

/**
 * Story arcs and reading lists (ComicInfo StoryArc / StoryArcNumber and
 * SeriesGroup): the comics of each in arc order — the number the tagger gave
 * within the arc, then the cover year, series and issue for those without —
 * with the arc positions missing between the lowest and highest owned.
 */
export interface ArcEntry {
  /** Stable id for URLs: the normalised name. */
  key: string;
  name: string;
  /** A story arc, or a reading list (a series group). */
  group: 'story-arc' | 'series-group';
  books: ArcBook[];
  gaps: number[];
}

export interface ArcBook {
  id: string;
  title: string;
  /** The position within the arc, when the tagger gave one. */
  number?: number;
  series?: string;
  issue?: string;
  year?: number;
}

type ArcSource = Pick<
  BrowseFacts,
  'id' | 'title' | 'arcs' | 'series' | 'seriesNumber' | 'issue' | 'year'
>;

type Sortable = ArcBook & { seriesNumber?: number };
type Gathering = Omit<ArcEntry, 'books'> & { books: Sortable[] };

function byArcOrder(a: Sortable, b: Sortable): number {
  if (a.number !== undefined && b.number !== undefined && a.number !== b.number)
    return a.number - b.number;
  if ((a.number === undefined) !== (b.number === undefined)) return a.number === undefined ? 1 : -1;
  const year = (a.year ?? Infinity) - (b.year ?? Infinity);
  if (year && Number.isFinite(year)) return year;
  const series = (a.series ?? '').localeCompare(b.series ?? '');
  if (series) return series;
  return (
    (a.seriesNumber ?? Infinity) - (b.seriesNumber ?? Infinity) || a.title.localeCompare(b.title)
  );
}

export function buildArcs(docs: Iterable<ArcSource>): ArcEntry[] {
  const byKey = new Map<string, Gathering>();
  for (const doc of docs) {
    for (const arc of doc.arcs) {
      const key = seriesKey(arc.name).replace(/\s+/g, '-');
      if (!key) continue;
      let entry = byKey.get(key);
      if (!entry)
        byKey.set(key, (entry = { key, name: arc.name, group: arc.group, books: [], gaps: [] }));
      if (entry.books.some((b) => b.id === doc.id)) continue;
      entry.books.push({
        id: doc.id,
        title: doc.title,
        ...(arc.number !== undefined && { number: arc.number }),
        ...(doc.series && { series: doc.series }),
        ...(doc.seriesNumber !== undefined && { seriesNumber: doc.seriesNumber }),
        ...(doc.issue && { issue: doc.issue }),
        ...(doc.year !== undefined && { year: doc.year }),
      });
    }
  }
  const entries = [...byKey.values()].map((entry): ArcEntry => {
    entry.books.sort(byArcOrder);
    const books = entry.books.map(({ seriesNumber: _, ...book }) => book);
    const numbers = books.flatMap((b) => (b.number === undefined ? [] : [b.number]));
    return { ...entry, books, gaps: gapsIn(numbers) };
  });
  return entries.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}
