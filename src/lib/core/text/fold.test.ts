import { describe, expect, it } from 'vitest';
import { fold, foldAccents } from './fold';

describe('fold', () => {
  const cases: [string, string][] = [
    ['Émile', 'emile'],
    ['ZOLA', 'zola'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['Æsop', 'aesop'],
    ['Ngũgĩ', 'ngugi'],
    ['Čapek', 'capek'],
  ];
  for (const [text, folded] of cases)
    it(`${text} → ${folded}`, () => expect(fold(text)).toBe(folded));

  it('keeps case when asked', () => expect(foldAccents('Émile ZOLA')).toBe('Emile ZOLA'));
});
