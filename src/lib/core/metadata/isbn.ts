/**
 * ISBN arithmetic, once: check digits, the ISBN-10 ↔ ISBN-13 turn and the
 * digits of an ISBN as written. Every reader of identifiers (OPF, EXTH,
 * ComicInfo GTIN, file names, sources, merge, search, rename tokens) decides
 * "is this an ISBN" and converts here.
 */

/** Digits (and a final X) of an ISBN as written: "ISBN 0-261-10334-2", "urn:isbn:978…". */
export function isbnDigits(text: string): string {
  return text
    .replace(/^\s*(urn:)?isbn(-1[03])?:?/i, '')
    .replace(/[\s-]/g, '')
    .toUpperCase();
}

/**
 * The GS1 check digit of a GTIN's digits before it (an ISBN-13 is a GTIN-13):
 * weights 3 and 1 alternating from the right.
 */
export function gs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += weight * Number(body.charAt(i));
  }
  return String((10 - (sum % 10)) % 10);
}

/** The ISBN-10 check digit of its first nine digits: modulo 11, and 10 is written X. */
function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(first9.charAt(i));
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** True when digits are an ISBN-10 (final X allowed) or an ISBN-13 (978/979) whose check digit is right. */
export function isbnCheckDigitValid(digits: string): boolean {
  if (/^\d{9}[\dX]$/.test(digits)) return isbn10CheckDigit(digits.slice(0, 9)) === digits.charAt(9);
  if (/^97[89]\d{10}$/.test(digits))
    return gs1CheckDigit(digits.slice(0, 12)) === digits.charAt(12);
  return false;
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
  return first12 + gs1CheckDigit(first12);
}

/**
 * The forms an ISBN is searched by: as written, and its ISBN-13 or ISBN-10
 * twin, so `isbn:0140449132` finds a book catalogued as 9780140449136. Only
 * 978 ISBN-13s have an ISBN-10 twin.
 */
export function isbnForms(digits: string): string[] {
  if (!isbnCheckDigitValid(digits)) return [digits];
  if (digits.length === 10) return [digits, toIsbn13(digits) ?? digits];
  if (!digits.startsWith('978')) return [digits];
  const first9 = digits.slice(3, 12);
  return [digits, first9 + isbn10CheckDigit(first9)];
}
