import { describe, expect, it } from 'vitest';
import { wordSpans, words } from './words';

describe('words', () => {
  it('splits on anything but letters and digits, and folds', () => {
    expect(words("L'Été de 1984 — Jean-Paul")).toEqual(['l', 'ete', 'de', '1984', 'jean', 'paul']);
    expect(words('Plain ASCII, text!')).toEqual(['plain', 'ascii', 'text']);
    expect(words('Émile', true)).toEqual(['Emile']);
  });

  it('gives each word’s place in the original text', () => {
    expect(wordSpans('Émile Zola')).toEqual([
      { word: 'emile', start: 0, end: 5 },
      { word: 'zola', start: 6, end: 10 },
    ]);
  });

  it('agrees with wordSpans', () => {
    for (const text of ['Ærø, Straße!', 'ǅemal Bijedić', 'plain text', 'Ngũgĩ wa Thiong’o']) {
      expect(words(text)).toEqual(wordSpans(text).map((s) => s.word));
    }
  });
});
