import { isbnCheckDigitValid } from '../../metadata/isbn';

/** Digits (and a final X) of an ISBN as written: "ISBN 0-261-10334-2", "urn:isbn:978…". */
export function isbnDigits(text: string): string {
  return text
    .replace(/^\s*(urn:)?isbn(-1[03])?:?/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
}

/** The check digit that completes the first twelve digits of an ISBN-13. */
export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(first12.charAt(i));
  return String((10 - (sum % 10)) % 10);
}

/**
 * The ISBN-13 of an ISBN written either way, digits only; undefined when it
 * is not a valid ISBN. An ISBN-10 becomes 978 + its first nine digits + a new
 * check digit (the old one was modulo 11 and does not carry over).
 */
export function toIsbn13(text: string): string | undefined {
  const digits = isbnDigits(text);
  if (!isbnCheckDigitValid(digits)) return undefined;
  if (digits.length === 13) return digits;
  const first12 = `978${digits.slice(0, 9)}`;
  return first12 + isbn13CheckDigit(first12);
}
