import { parseRoman } from './roman';

/** A position written in figures, as found in a name. */
export interface Numeral {
  value: number;
  /** Written with a leading zero ("03", "012"): a numbering scheme, not a word of the title. */
  padded: boolean;
}

const FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75 };

// Five integer digits is past any real issue or volume count; longer runs are
// ISBNs, dates or catalogue numbers, not positions.
const FIGURES = /^(-?)(\d{0,5})(?:\.(\d{1,3}))?([½¼¾]?)$/;

/**
 * Reads a position written in figures: "3", "012", "2.5", "012.5", "½",
 * "1½", "-1". A "#" prefix is the caller's business.
 */
export function parseNumeral(text: string): Numeral | undefined {
  const match = FIGURES.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', decimals, fraction = ''] = match;
  if (whole === '' && (fraction === '' || decimals !== undefined)) return undefined;
  if (decimals !== undefined && fraction !== '') return undefined;
  let value = Number(whole === '' ? '0' : whole);
  if (decimals !== undefined) value = Number(`${whole}.${decimals}`);
  value += FRACTIONS[fraction] ?? 0;
  if (sign === '-') value = -value;
  // -0 would compare equal yet print oddly; a position of "−0" is just 0.
  if (Object.is(value, -0)) value = 0;
  return { value, padded: whole.length > 1 && whole.startsWith('0') };
}

// A Map, not an object literal: "constructor" must not read as a number.
const WORD_NUMBERS = new Map(
  [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
    'twenty',
  ].map((word, value) => [word, value]),
);

/**
 * Reads a position after a marker word ("Book …", "Part …"): figures, a Roman
 * numeral ("IV") or an English number word ("Two"). Only safe where a marker
 * word already said a number follows: alone, "I" or "MIX" are words.
 */
export function parseMarkedNumber(text: string): number | undefined {
  return parseNumeral(text)?.value ?? parseRoman(text) ?? WORD_NUMBERS.get(text.toLowerCase());
}
