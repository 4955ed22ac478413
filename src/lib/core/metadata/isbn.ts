/**
 * True when digits are an ISBN-10 (final X allowed) or an ISBN-13 (978/979)
 * whose check digit is right. Every reader of identifiers (OPF, EXTH,
 * ComicInfo GTIN, file names) decides "is this an ISBN" here.
 */
export function isbnCheckDigitValid(digits: string): boolean {
  if (/^\d{9}[\dX]$/.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      const char = digits.charAt(i);
      sum += (10 - i) * (char === 'X' ? 10 : Number(char));
    }
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(digits.charAt(i));
    return sum % 10 === 0;
  }
  return false;
}
