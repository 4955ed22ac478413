import { describe, expect, it } from 'vitest';
import { originWords, sourceWords } from './source-words';

describe('originWords and sourceWords', () => {
  it.each([
    ['embedded:opf', 'EPUB package (OPF)'],
    ['filename', 'File name'],
    ['openlibrary', 'Open Library'],
    ['openlibrary:isbn', 'Open Library (by ISBN)'],
    ['googlebooks:volume', 'Google Books (by volume)'],
    ['calibre', 'Calibre'],
    ['someday:thing', 'someday:thing'],
  ])('%s → %s', (origin, words) => expect(originWords(origin)).toBe(words));

  it('names sources in words', () => {
    expect(sourceWords('file')).toBe('the file');
    expect(sourceWords('googlebooks')).toBe('Google Books');
    expect(sourceWords('elsewhere')).toBe('elsewhere');
  });
});
