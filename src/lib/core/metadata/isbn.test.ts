import { describe, expect, it } from 'vitest';
import { isbnCheckDigitValid } from './isbn';

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
