import type { TextField } from './query-ast';
import type { SearchDoc } from './search-doc';

/** The fields free text is matched against, in the order of their bit in a field mask. */
export const TEXT_FIELDS = [
  'title',
  'subtitle',
  'authors',
  'series',
  'publisher',
  'subjects',
  'description',
  'genres',
] as const;
export type IndexedField = (typeof TEXT_FIELDS)[number];
export const FIELD_COUNT = TEXT_FIELDS.length;

export const fieldBit = (f: IndexedField): number => 1 << TEXT_FIELDS.indexOf(f);
export const ALL_FIELDS = (1 << FIELD_COUNT) - 1;

/** Field boosts: a word in the title counts for more than one in the author, series, … description. */
export const BOOST: readonly number[] = TEXT_FIELDS.map(
  (f) =>
    (
      ({
        title: 10,
        authors: 7,
        series: 5,
        subtitle: 4,
        subjects: 3,
        genres: 3,
        publisher: 2,
        description: 1,
      }) as const
    )[f],
);

/**
 * Fields that get prefix and typo-tolerant matching. Descriptions are long and
 * varied: there, only whole words (and explicit wildcards and regexes) match,
 * which keeps results precise and the vocabulary indexes small.
 */
export const SHORT_FIELDS = ALL_FIELDS & ~fieldBit('description');

/** The fields a `name:` in a query searches. */
export const QUERY_FIELDS: Record<TextField, number> = {
  title: fieldBit('title') | fieldBit('subtitle'),
  author: fieldBit('authors'),
  series: fieldBit('series'),
  publisher: fieldBit('publisher'),
  tag: fieldBit('subjects'),
  genre: fieldBit('genres'),
  description: fieldBit('description'),
};

/** The separate values of a field: several for authors and subjects, else none or one. */
export function fieldValues(doc: SearchDoc, field: number): readonly string[] {
  switch (TEXT_FIELDS[field]) {
    case 'title':
      return [doc.title];
    case 'subtitle':
      return doc.subtitle ? [doc.subtitle] : [];
    case 'authors':
      return doc.authors;
    case 'series':
      return doc.series ? [doc.series] : [];
    case 'publisher':
      return doc.publisher ? [doc.publisher] : [];
    case 'subjects':
      return doc.subjects;
    case 'genres':
      return doc.genres;
    default:
      return doc.description ? [doc.description] : [];
  }
}

/** How authors are shown as one string; highlight ranges for authors are offsets in it. */
export function authorsText(authors: readonly string[]): string {
  return authors.join(', ');
}
