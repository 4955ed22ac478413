import type { BookMetadata, MetadataField, Person } from '../metadata/types';
import { mergeCandidate, type ExternalOrigin, type MergeCandidate } from '../merge/sources';

/** How a source's values were found: one origin and one confidence for a whole lookup. */
export interface MapContext {
  origin: ExternalOrigin;
  confidence: number;
}

/** Collects a record's candidates, skipping values that are missing or empty. */
export class CandidateList {
  readonly list: MergeCandidate[] = [];
  constructor(private readonly context: MapContext) {}

  add<K extends MetadataField>(field: K, value: BookMetadata[K] | undefined): this {
    const empty =
      value === undefined ||
      value === null ||
      value === '' ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === 'number' && !(value > 0));
    if (!empty)
      this.list.push(
        mergeCandidate(
          field,
          value as NonNullable<BookMetadata[K]>,
          this.context.origin,
          this.context.confidence,
        ),
      );
    return this;
  }
}

/** Names as authors (MARC "aut"), blanks dropped. */
export const authorsNamed = (names: readonly string[] | undefined): Person[] =>
  (names ?? [])
    .map((n) => n.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((name) => ({ name, roles: ['aut'] }));

/**
 * How sure a lookup is of its values, before the source's own trust is
 * applied by the merge. An identifier hit (ISBN, Comic Vine id) names the
 * very edition: 0.9. Values of a fuzzy hit count at SEARCH_CONFIDENCE times
 * the match score, so an exact title/author hit (0.8) stays below an ISBN hit
 * and a weak one counts less. A work's values (description, subjects) belong
 * to every edition and are a little less sure than the edition's own.
 */
export const IDENTIFIER_CONFIDENCE = 0.9;
export const WORK_CONFIDENCE = 0.8;
export const SEARCH_CONFIDENCE = 0.8;

export const searchConfidence = (score: number): number =>
  Math.round(SEARCH_CONFIDENCE * score * 1000) / 1000;

/** `first`, then those of `more` whose field `first` lacks: one value per field and origin. */
export function fillMissing(
  first: MergeCandidate[],
  more: readonly MergeCandidate[],
): MergeCandidate[] {
  const have = new Set(first.map((c) => c.field));
  return [...first, ...more.filter((c) => !have.has(c.field))];
}
