import type { BookView } from '../books/book-view';
import type { BookFormat } from '../formats/types';
import type { Person } from '../metadata/types';
import type { BookStatus } from '../schema/book-doc';
import { subjectsToGenres } from '../merge/normalise/genres';
import { fold } from '../text/fold';

/** The compact projection of a book that the search index holds. */
export interface SearchDoc {
  id: string;
  title: string;
  subtitle?: string;
  /** titleSortKey of the title (or of the sort title a source gave). */
  titleKey: string;
  /** Author names, in credit order. */
  authors: string[];
  /** Sort key of the first author, "last, first" folded; "" when there is no author. */
  authorKey: string;
  series?: string;
  seriesNumber?: number;
  publisher?: string;
  /** Plain text (HTML tags removed, entities decoded). */
  description?: string;
  subjects: string[];
  /** The genres the subjects map to (normalise/genres.ts): the Genre facet and `genre:`. */
  genres: string[];
  /** Language tags, lower-cased. */
  languages: string[];
  format: BookFormat;
  /** The book's other formats, grouped with it by an admin: it is found under each of them too. */
  otherFormats?: BookFormat[];
  /** ISBNs as digits (and a final X), no hyphens. */
  isbns: string[];
  /** Year of publication. */
  year?: number;
  /** Bytes. */
  size: number;
  /** Epoch milliseconds. */
  addedAt: number;
  hasCover: boolean;
  status: BookStatus;
  /** 0–1: the share of cover, author, series, ISBN and description the book has. */
  completeness: number;
}

const SUFFIX = /^(jr|sr|[ivx]+|phd|md)\.?$/i;

/**
 * A person's sort key, "last, first" folded: the source's sortName when it
 * gave one, else a guess that takes the last word (before a Jr. or III) as
 * the surname. The guess is wrong for particles ("Ursula K. Le Guin" →
 * "guin, ursula k. le"), which is why sortName wins. A name that already has
 * a comma is taken as sorted.
 */
export function personSortKey(person: Pick<Person, 'name' | 'sortName'>): string {
  if (person.sortName?.trim()) return fold(person.sortName.trim());
  const name = person.name.trim();
  if (name.includes(',')) return fold(name);
  const parts = name.split(/\s+/).filter(Boolean);
  let last = parts.length - 1;
  // "Martin Luther King Jr." sorts under King.
  while (last > 0 && SUFFIX.test(parts[last] ?? '')) last--;
  if (last <= 0) return fold(name);
  const surname = parts[last] ?? '';
  const given = [...parts.slice(0, last), ...parts.slice(last + 1)].join(' ');
  return fold(`${surname}, ${given}`);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Description HTML as plain text: tags become spaces, common entities are decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const n =
          code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The year of an ISO 8601 date, full or partial ("1895", "1895-05-01"). */
export function yearOf(published: string | undefined): number | undefined {
  const m = published?.trim().match(/^([+-]?\d{1,4})(?!\d)/);
  return m?.[1] ? Number(m[1]) : undefined;
}

/** The share of the five things a complete record has. */
export function completenessOf(has: {
  cover: boolean;
  author: boolean;
  series: boolean;
  isbn: boolean;
  description: boolean;
}): number {
  const present = [has.cover, has.author, has.series, has.isbn, has.description];
  return present.filter(Boolean).length / present.length;
}

export function searchDoc(view: BookView, hasCover: boolean): SearchDoc {
  const m = view.resolved.metadata;
  const description = m.description ? plainText(m.description) || undefined : undefined;
  const isbns = (m.identifiers ?? [])
    .filter((i) => i.scheme === 'isbn')
    .map((i) => i.value.replace(/[^0-9xX]/g, '').toUpperCase())
    .filter((v) => v.length > 0);
  const firstAuthor = m.authors?.[0] ?? (view.authors[0] ? { name: view.authors[0] } : undefined);
  const addedAt = Date.parse(view.addedAt);
  const doc: SearchDoc = {
    id: view.id,
    title: view.title,
    titleKey: view.titleKey,
    authors: view.authors,
    authorKey: firstAuthor ? personSortKey(firstAuthor) : '',
    subjects: m.subjects ?? [],
    genres: subjectsToGenres(m.subjects ?? []),
    languages: view.languages.map((l) => l.trim().toLowerCase()).filter(Boolean),
    format: view.format,
    isbns: [...new Set(isbns)],
    size: view.size,
    addedAt: Number.isFinite(addedAt) ? addedAt : 0,
    hasCover,
    status: view.status,
    completeness: completenessOf({
      cover: hasCover,
      author: view.authors.length > 0,
      series: !!view.series,
      isbn: isbns.length > 0,
      description: !!description,
    }),
  };
  if (view.subtitle) doc.subtitle = view.subtitle;
  const others = [...new Set((view.formats ?? []).map((f) => f.format))].filter(
    (f) => f !== view.format,
  );
  if (others.length) doc.otherFormats = others;
  if (view.series) doc.series = view.series;
  if (view.seriesNumber !== undefined) doc.seriesNumber = view.seriesNumber;
  if (m.publisher) doc.publisher = m.publisher;
  if (description) doc.description = description;
  // The work's year when known: "year:1880..1889" finds a 2021 ebook of Germinal (1885).
  const year = yearOf(m.firstPublished) ?? yearOf(m.published);
  if (year !== undefined) doc.year = year;
  return doc;
}
