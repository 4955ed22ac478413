import { isbnCheckDigitValid } from '../isbn';

/**
 * The ISBN in one word of a name ("9780261103344", "978-0-261-10334-4",
 * "ISBN:0261103342"), normalised to its digits. A check digit must pass: a
 * name is full of figures that are not ISBNs.
 */
export function readIsbn(word: string): string | undefined {
  const bare = word.replace(/^isbn(?:-1[03])?:?/i, '');
  // Hyphens only between figures, as printed ISBNs group them.
  if (!/^\d[\d-]{8,16}[\dXx]$/.test(bare) || bare.includes('--')) return undefined;
  const digits = bare.replace(/-/g, '').toUpperCase();
  return isbnCheckDigitValid(digits) ? digits : undefined;
}

/** True for the word "ISBN" standing before its number ("ISBN 978…", "ISBN-13:"). */
export function isIsbnLabel(word: string): boolean {
  return /^isbn(?:-1[03])?:?$/i.test(word);
}

/**
 * An Amazon ASIN in a bracketed group: "ASIN B00XXXXXXX", "ASIN: B0…", or a
 * bare Kindle-style "B0" followed by eight capitals and figures.
 */
export function readAsin(group: string): string | undefined {
  const match = /^(?:asin:?\s*)?(B0[A-Z0-9]{8})$/i.exec(group);
  const value = match?.[1]?.toUpperCase();
  // A bare group must be Amazon's upper case; with the label any case will do.
  if (!value || (!/^asin/i.test(group) && match?.[1] !== value)) return undefined;
  return value;
}
