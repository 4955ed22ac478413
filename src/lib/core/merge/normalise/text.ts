import { fold } from '../../text/fold';

/**
 * Folding shared by every comparison key in merge: two spellings of one value
 * ("Ender’s Game", "ENDER'S GAME", "Enders Game") must fold to the same key.
 */

/** Typographic apostrophes and primes that stand for "'" in names and titles. */
const APOSTROPHES = /[’‘`´ʼ′]/g;
const LEADING_ARTICLE = /^(the|a|an) /;

/** Lower case, accents and ligatures folded, apostrophes unified to "'". */
export function foldText(text: string): string {
  return fold(text).replace(APOSTROPHES, "'");
}

/**
 * Case-, accent- and punctuation-blind words joined by single spaces. "&" reads
 * as "and"; apostrophes vanish rather than split words ("Ender's" = "Enders").
 */
export function textKey(text: string): string {
  return foldText(text)
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A title's key: like textKey, and a leading English article does not count. */
export function titleKey(text: string): string {
  return textKey(text).replace(LEADING_ARTICLE, '');
}
