import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, isbnCheckDigitValid, isbnDigits, isbnForms, toIsbn13 } from './isbn';

describe('isbnCheckDigitValid', () => {
  it.each([
    ['0261103342', true],
    ['9780261103344', true],
    ['080442957X', true],
    ['9780261103345', false],
    ['0261103343', false],
    ['1234567890123', false],
    ['97802611033', false],
    ['', false],
  ])('%s → %s', (digits, valid) => expect(isbnCheckDigitValid(digits)).toBe(valid));
});

describe('toIsbn13', () => {
  it.each([
    ['0261103342', '9780261103344'],
    ['0-261-10334-2', '9780261103344'],
    ['ISBN 0-261-10334-2', '9780261103344'],
    ['urn:isbn:0261103342', '9780261103344'],
    ['080442957X', '9780804429573'],
    ['080442957x', '9780804429573'],
    ['9780261103344', '9780261103344'],
    ['978-0-261-10334-4', '9780261103344'],
    ['ISBN-13: 979-10-90636-07-1', '9791090636071'],
    ['0261103343', undefined],
    ['9780261103345', undefined],
    ['not an isbn', undefined],
    ['', undefined],
  ])('%s → %s', (text, isbn13) => expect(toIsbn13(text)).toBe(isbn13));

  it('always gives a valid ISBN-13', () => {
    for (const isbn10 of ['0261103342', '080442957X', '0306406152', '0140449132']) {
      const isbn13 = toIsbn13(isbn10);
      expect(isbn13).toHaveLength(13);
      expect(isbnCheckDigitValid(isbn13 ?? '')).toBe(true);
    }
  });
});

describe('isbnDigits / gs1CheckDigit', () => {
  it('strips the prefix and separators', () =>
    expect(isbnDigits('ISBN: 0 261 10334 2')).toBe('0261103342'));
  it('computes the check digit', () => expect(gs1CheckDigit('978026110334')).toBe('4'));
});

describe('isbnForms', () => {
  it.each([
    ['0140449132', ['0140449132', '9780140449136']],
    ['9780140449136', ['9780140449136', '0140449132']],
    ['9780804429573', ['9780804429573', '080442957X']],
    ['9791090636071', ['9791090636071']],
    ['0140449133', ['0140449133']],
    ['978', ['978']],
  ])('%s → %o', (digits, forms) => expect(isbnForms(digits)).toEqual(forms));
});
