/**
 * The parsed form of a search query. Every node keeps where it came from in
 * the query text (`start` inclusive, `end` exclusive), so messages can point
 * at it and a relaxed query can be cut from the user's own words.
 */

/** Fields searched as words. `title` covers the subtitle too. */
export type TextField =
  'title' | 'author' | 'series' | 'publisher' | 'tag' | 'genre' | 'description';
/** Fields compared as whole values. */
export type ValueField = 'language' | 'format' | 'status' | 'isbn';
export type RangeField = 'year' | 'size';
export type HasKey =
  | 'cover'
  | 'series'
  | 'isbn'
  | 'author'
  | 'description'
  | 'subtitle'
  | 'publisher'
  | 'year'
  | 'language'
  | 'tag';

export interface Span {
  start: number;
  end: number;
}

export type QueryNode =
  | ({ kind: 'and'; children: QueryNode[] } & Span)
  | ({ kind: 'or'; children: QueryNode[] } & Span)
  | ({ kind: 'not'; child: QueryNode } & Span)
  /** One word as typed (accents and case kept): matched exactly, by prefix, or fuzzily. */
  | ({ kind: 'word'; field?: TextField; text: string } & Span)
  /** Quoted words: matched exactly and next to each other. */
  | ({ kind: 'phrase'; field?: TextField; words: string[] } & Span)
  /** A word with `*` in it, matched against whole words. */
  | ({ kind: 'wildcard'; field?: TextField; pattern: string } & Span)
  | ({ kind: 'regex'; field?: TextField; source: string; unicode: boolean } & Span)
  | ({ kind: 'value'; field: ValueField; value: string } & Span)
  /** Inclusive bounds; ±Infinity for an open end. */
  | ({ kind: 'range'; field: RangeField; min: number; max: number } & Span)
  | ({ kind: 'has'; what: HasKey } & Span);

export interface QueryError {
  message: string;
  /** 0-based character offset in the query text. */
  position: number;
}

export type ParseResult =
  /** `query` is undefined for a query with nothing to search for (it matches every book). */
  { ok: true; query: QueryNode | undefined; warnings: string[] } | { ok: false; error: QueryError };
