/** Largest value written with at most four M's, the usual ceiling without overlines. */
export const MAX_ROMAN = 4999;

const NUMERALS: readonly (readonly [string, number])[] = [
  ['M', 1000],
  ['CM', 900],
  ['D', 500],
  ['CD', 400],
  ['C', 100],
  ['XC', 90],
  ['L', 50],
  ['XL', 40],
  ['X', 10],
  ['IX', 9],
  ['V', 5],
  ['IV', 4],
  ['I', 1],
];

/** The canonical numeral for 1–4999 ("IV", "MMMMCMXCIX"); undefined outside that range. */
export function toRoman(value: number): string | undefined {
  if (!Number.isInteger(value) || value < 1 || value > MAX_ROMAN) return undefined;
  let rest = value;
  let out = '';
  for (const [symbol, worth] of NUMERALS) {
    while (rest >= worth) {
      out += symbol;
      rest -= worth;
    }
  }
  return out;
}

/**
 * Reads a Roman numeral in upper or lower case ("IV", "iv"). Only the
 * canonical form counts ("IV", not "IIII" or "IIV"), and mixed case does not
 * ("Mix", "Liv" and "Dim" are words), so stray letter runs are not numbers.
 */
export function parseRoman(text: string): number | undefined {
  // "MMMMDCCCLXXXVIII" (4888) is the longest canonical numeral in range.
  if (text.length === 0 || text.length > 16) return undefined;
  const upper = text.toUpperCase();
  if (text !== upper && text !== text.toLowerCase()) return undefined;
  if (!/^[MDCLXVI]+$/.test(upper)) return undefined;
  let at = 0;
  let total = 0;
  for (const [symbol, worth] of NUMERALS) {
    while (upper.startsWith(symbol, at)) {
      total += worth;
      at += symbol.length;
    }
  }
  return at === upper.length && toRoman(total) === upper ? total : undefined;
}
