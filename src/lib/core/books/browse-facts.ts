import { comicCrafts } from '../formats/comic/credits';
import type { BookFormat } from '../formats/types';
import type { BookView } from './book-view';

/**
 * What the creators, story arcs and publishers pages need of one book, kept
 * small beside its search document: who made it and in which craft, the
 * arcs and reading lists it is part of, its publisher, imprint and age
 * rating. Derived from the merged metadata, never stored.
 */
export interface BrowseFacts {
  id: string;
  title: string;
  titleKey: string;
  comic: boolean;
  series?: string;
  seriesNumber?: number;
  /** The issue as printed ("#4", "Annual 1"), for comics that say it. */
  issue?: string;
  /** Everyone credited, with the crafts they did ("Writer", "Inker"; "Author" for other books). */
  people: { name: string; crafts: string[] }[];
  /** Story arcs and reading lists (ComicInfo StoryArc and SeriesGroup), with the position in each. */
  arcs: { name: string; number?: number; group: 'story-arc' | 'series-group' }[];
  publisher?: string;
  imprint?: string;
  ageRating?: string;
  /** The year the issue came out, when known. */
  year?: number;
}

const COMIC_FORMATS: ReadonlySet<BookFormat> = new Set(['cbz', 'cbr', 'cb7', 'cbt']);

export function isComicFormat(format: BookFormat): boolean {
  return COMIC_FORMATS.has(format);
}

/**
 * A book's browse facts. For comics every credit counts (the inker is as
 * much a creator as the writer); for other books only the authors, as the
 * authors pages always listed them.
 */
export function browseFacts(view: BookView): BrowseFacts {
  const m = view.resolved.metadata;
  const comic = isComicFormat(view.format);
  const people = comic
    ? [...(m.authors ?? []), ...(m.contributors ?? [])].map((p) => ({
        name: p.name,
        crafts: comicCrafts(p.roles),
      }))
    : view.authors.map((name) => ({ name, crafts: ['Author'] }));
  const arcs = (m.collections ?? []).flatMap((c) =>
    c.group && c.name.trim()
      ? [{ name: c.name, group: c.group, ...(c.number !== undefined && { number: c.number }) }]
      : [],
  );
  const year = /^(\d{4})/.exec(m.published ?? '')?.[1];
  return {
    id: view.id,
    title: view.title,
    titleKey: view.titleKey,
    comic,
    ...(view.series && { series: view.series }),
    ...(view.seriesNumber !== undefined && { seriesNumber: view.seriesNumber }),
    ...(comic && m.series?.issue && { issue: m.series.issue }),
    people,
    arcs,
    ...(m.publisher && { publisher: m.publisher }),
    ...(m.imprint && { imprint: m.imprint }),
    ...(m.ageRating && { ageRating: m.ageRating }),
    ...(year && { year: Number(year) }),
  };
}
