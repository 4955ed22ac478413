import { Charset, Encoder } from 'flexsearch';
import { editDistance } from './edit-distance';

/**
 * Typo tolerance, from flexsearch's encoders. A word matches a term "closely"
 * when both encode alike under LatinAdvanced (sound-alike letters, doubled
 * letters, ie/ei: tolkein → tolkien), and "loosely" when they encode alike
 * under LatinExtra (which also drops inner vowels: dragn → dragon) and are
 * within a small edit distance, which keeps LatinExtra's collisions
 * (zola/sale) out.
 */

// No number splitting, and no encoder cache: its clean-up timer has no place in a pure module.
const options = { numeric: false, cache: false } as const;
export const closeEncoder = new Encoder({ ...Charset.LatinAdvanced, ...options });
export const looseEncoder = new Encoder({ ...Charset.LatinExtra, ...options });

/** Shorter terms are not corrected: too many words are one letter away from them. */
export const FUZZY_MIN_LENGTH = 4;

export function maxEdits(term: string): number {
  return term.length >= 8 ? 2 : 1;
}

/** Whether a term is long enough and has letters (numbers are never corrected). */
export function fuzzyApplies(term: string): boolean {
  return term.length >= FUZZY_MIN_LENGTH && /\p{L}/u.test(term);
}

export function withinEdits(term: string, word: string): boolean {
  return editDistance(term, word, maxEdits(term)) <= maxEdits(term);
}

/** The reference definition (the index finds the same words through flexsearch). */
export function fuzzyTier(term: string, word: string): 'close' | 'loose' | undefined {
  if (!fuzzyApplies(term) || term === word) return undefined;
  const same = (e: Encoder) => {
    const a = e.encode(term);
    const b = e.encode(word);
    return a.length === 1 && b.length === 1 && a[0] === b[0];
  };
  if (same(closeEncoder)) return 'close';
  if (same(looseEncoder) && withinEdits(term, word)) return 'loose';
  return undefined;
}
