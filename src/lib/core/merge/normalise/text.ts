/**
 * Folding shared by every comparison key in merge: two spellings of one value
 * ("Ender’s Game", "ENDER'S GAME", "Enders Game") must fold to the same key.
 */

/** Letters NFKD does not split into a base letter plus a mark. */
const LIGATURES: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
};
const LIGATURE = /[øłđßæœþı]/g;
const MARKS = /\p{M}/gu;
/** Typographic apostrophes and primes that stand for "'" in names and titles. */
const APOSTROPHES = /[’‘`´ʼ′]/g;
const LEADING_ARTICLE = /^(the|a|an) /;

/** Lower case, accents and ligatures folded, apostrophes unified to "'". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(LIGATURE, (c) => LIGATURES[c] ?? c)
    .replace(APOSTROPHES, "'");
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
