import { isbnCheckDigitValid } from '../metadata/isbn';

/**
 * The forms an ISBN is searched by: as written, and its ISBN-13 or ISBN-10
 * twin, so `isbn:0140449132` finds a book catalogued as 9780140449136.
 */
export function isbnForms(digits: string): string[] {
  const forms = [digits];
  if (digits.length === 10 && isbnCheckDigitValid(digits)) {
    const body = '978' + digits.slice(0, 9);
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(body.charAt(i));
    forms.push(body + ((10 - (sum % 10)) % 10));
  } else if (digits.length === 13 && digits.startsWith('978') && isbnCheckDigitValid(digits)) {
    const body = digits.slice(3, 12);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += (10 - i) * Number(body.charAt(i));
    const check = (11 - (sum % 11)) % 11;
    forms.push(body + (check === 10 ? 'X' : String(check)));
  }
  return forms;
}
