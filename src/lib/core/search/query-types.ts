import type { QueryError } from './query-ast';
import type { Widening } from './widen';

export type SortKey = 'relevance' | 'title' | 'author' | 'series' | 'added' | 'year' | 'size';

/** Structured filters (the /books sidebar). AND across fields, OR within one. */
export interface Filters {
  formats?: string[];
  languages?: string[];
  subjects?: string[];
  /** Genres of the small taxonomy subjects map to (normalise/genres.ts). */
  genres?: string[];
  publishers?: string[];
  year?: { min?: number; max?: number };
  size?: { min?: number; max?: number };
  hasCover?: boolean;
  hasSeries?: boolean;
  statuses?: string[];
  completeness?: { min?: number; max?: number };
}

export interface BookQuery {
  /** Query language text (see query-parser.ts). */
  text?: string;
  filters?: Filters;
  /** Default: relevance when the text searches for something, else title. */
  sort?: { key: SortKey; direction: 'asc' | 'desc' };
  offset?: number;
  /** Default 50. */
  limit?: number;
  /** Match letter case exactly (accents are still ignored). */
  caseSensitive?: boolean;
  /** Count facet values (costs a little; ask only when showing them). */
  facets?: boolean;
  /**
   * Books the user opened or read lately, the latest first: among matches of
   * equal relevance these come first (never above a better match).
   */
  recent?: readonly string[];
}

export type FacetName =
  | 'format'
  | 'language'
  | 'subject'
  | 'genre'
  | 'publisher'
  | 'status'
  | 'hasCover'
  | 'hasSeries'
  | 'decade';
export const FACET_NAMES: readonly FacetName[] = [
  'format',
  'language',
  'subject',
  'genre',
  'publisher',
  'status',
  'hasCover',
  'hasSeries',
  'decade',
];

export interface FacetValue {
  value: string;
  count: number;
}

export type HighlightField = 'title' | 'subtitle' | 'authors' | 'series' | 'description';
/** Character ranges [start, end) in the field's text; for authors, in `authorsText(doc.authors)`. */
export type Highlights = Partial<Record<HighlightField, [number, number][]>>;

export interface QueryResult {
  total: number;
  ids: string[];
  facets?: Record<FacetName, FacetValue[]>;
  highlights: Record<string, Highlights>;
  error?: QueryError;
  warnings: string[];
  /** With no results: a relaxed query text that has some (see relax.ts). */
  suggestion?: string;
  /** With no results: searches close to this one that find books, with their counts (see widen.ts). */
  widenings?: Widening[];
}
