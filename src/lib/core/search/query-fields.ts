import { closest } from './edit-distance';
import type { HasKey, RangeField, TextField, ValueField } from './query-ast';

/** What a `name:` prefix in a query selects. */
export type FieldSpec =
  | { kind: 'text'; field: TextField }
  | { kind: 'value'; field: ValueField }
  | { kind: 'range'; field: RangeField }
  | { kind: 'has' };

const CANONICAL: Record<string, FieldSpec> = {
  title: { kind: 'text', field: 'title' },
  author: { kind: 'text', field: 'author' },
  series: { kind: 'text', field: 'series' },
  publisher: { kind: 'text', field: 'publisher' },
  tag: { kind: 'text', field: 'tag' },
  genre: { kind: 'text', field: 'genre' },
  description: { kind: 'text', field: 'description' },
  language: { kind: 'value', field: 'language' },
  format: { kind: 'value', field: 'format' },
  status: { kind: 'value', field: 'status' },
  isbn: { kind: 'value', field: 'isbn' },
  year: { kind: 'range', field: 'year' },
  size: { kind: 'range', field: 'size' },
  has: { kind: 'has' },
};

const ALIASES: Record<string, string> = {
  authors: 'author',
  by: 'author',
  tags: 'tag',
  subject: 'tag',
  subjects: 'tag',
  genres: 'genre',
  lang: 'language',
  desc: 'description',
  pub: 'publisher',
};

/** The spec of a field name (case-blind, aliases allowed), if it is one. */
export function fieldSpec(name: string): FieldSpec | undefined {
  const lower = name.toLowerCase();
  return CANONICAL[ALIASES[lower] ?? lower];
}

/** The field name closest to a mistyped one ("autor" → "author"), if one is close. */
export function suggestField(name: string): string | undefined {
  const lower = name.toLowerCase();
  return closest(
    lower,
    [...Object.keys(CANONICAL), ...Object.keys(ALIASES)],
    lower.length <= 4 ? 1 : 2,
  );
}

export const HAS_KEYS: readonly HasKey[] = [
  'cover',
  'series',
  'isbn',
  'author',
  'description',
  'subtitle',
  'publisher',
  'year',
  'language',
  'tag',
];

const HAS_ALIASES: Record<string, HasKey> = {
  covers: 'cover',
  authors: 'author',
  isbns: 'isbn',
  desc: 'description',
  tags: 'tag',
  subject: 'tag',
  subjects: 'tag',
  lang: 'language',
  languages: 'language',
};

export function hasKey(value: string): HasKey | undefined {
  const lower = value.toLowerCase();
  return (HAS_KEYS as readonly string[]).includes(lower) ? (lower as HasKey) : HAS_ALIASES[lower];
}

export function suggestHasKey(value: string): HasKey | undefined {
  return closest(value.toLowerCase(), HAS_KEYS, 2) as HasKey | undefined;
}
