/**
 * Accent, ligature and case folding: the one fold search (index, query,
 * highlight) and merge (comparison keys) share, so "Émile", "EMILE" and
 * "emile" are one word to both.
 */

/** Letters NFKD does not decompose into a base letter plus a mark. */
const LIGATURES: Readonly<Record<string, string>> = {
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
};
const LIGATURE = /[øØłŁđĐßẞæÆœŒþÞı]/g;
const MARKS = /\p{M}/gu;
const ASCII = /^[\x20-\x7e]*$/;

/** Removes accents and splits ligatures ("Émile" → "Emile", "Æsop" → "AEsop"), keeps case. */
export function foldAccents(text: string): string {
  if (ASCII.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(LIGATURE, (c) => LIGATURES[c] ?? c);
}

/** Accent- and case-blind form ("Søren" → "soren"). */
export function fold(text: string): string {
  return foldAccents(text).toLowerCase();
}
