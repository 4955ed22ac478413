import { distance } from 'fastest-levenshtein';

/**
 * String similarity on 0–1, in the manner of fuzzywuzzy/thefuzz: an edit
 * ratio, a token-sort ratio (word order does not count) and a token-set
 * ratio (extra words on one side count less). Inputs are expected already
 * folded (see merge/normalise/text.ts): these compare words, not spellings.
 */

/** 1 − edit distance / longer length: 1 for equal strings, 0 when either is empty. */
export function ratio(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

const words = (text: string): string[] => text.split(' ').filter(Boolean);

/** The edit ratio of the words sorted: "nix garth" = "garth nix". */
export function tokenSortRatio(a: string, b: string): number {
  return ratio(words(a).sort().join(' '), words(b).sort().join(' '));
}

/**
 * The best edit ratio among the shared words and each side's words: a title
 * that is the other plus words scores high ("dune" in "dune messiah" = 1), so
 * it is never used alone (see textSimilarity).
 */
export function tokenSetRatio(a: string, b: string): number {
  const setA = new Set(words(a));
  const setB = new Set(words(b));
  const shared = [...setA].filter((w) => setB.has(w)).sort();
  const onlyA = [...setA].filter((w) => !setB.has(w)).sort();
  const onlyB = [...setB].filter((w) => !setA.has(w)).sort();
  const t0 = shared.join(' ');
  const t1 = [...shared, ...onlyA].join(' ');
  const t2 = [...shared, ...onlyB].join(' ');
  return Math.max(ratio(t0, t1), ratio(t0, t2), ratio(t1, t2));
}

/**
 * The mean of token-sort and token-set: word order and a missing word are
 * forgiven in part, a different book that shares a word is not. "dune" vs
 * "dune messiah" ≈ 0.67; "harry poter" vs "harry potter" ≈ 0.95.
 */
export function textSimilarity(a: string, b: string): number {
  return (tokenSortRatio(a, b) + tokenSetRatio(a, b)) / 2;
}
