import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { chooseEdition, editionScore, formatOf, type EditionFacts } from './edition';
import { olEditions, type OlEdition } from './openlibrary/schema';
import { yearOf } from './published';

describe('formatOf', () => {
  const cases: [string | undefined, string | undefined][] = [
    ['eBook', 'ebook'],
    ['Electronic resource', 'ebook'],
    ['Kindle Edition', 'ebook'],
    ['Hardcover', 'print'],
    ['Mass Market Paperback', 'print'],
    ['School & Library Binding', 'print'],
    ['Audio CD', 'audio'],
    ['Audio Cassette', 'audio'],
    ['Unknown Binding', 'print'],
    ['Microform', undefined],
    [undefined, undefined],
  ];
  for (const [text, format] of cases)
    it(`"${text}" → ${format}`, () => expect(formatOf(text)).toBe(format));
});

describe('editionScore', () => {
  it('weighs language over format over year', () => {
    const wish = { format: 'ebook', language: 'en', year: 2010 } as const;
    const englishPrint: EditionFacts = { format: 'print', languages: ['eng'], year: 2010 };
    const spanishEbook: EditionFacts = { format: 'ebook', languages: ['spa'], year: 2010 };
    const englishEbookOld: EditionFacts = { format: 'ebook', languages: ['eng'], year: 1995 };
    expect(editionScore(englishPrint, wish)).toBeGreaterThan(editionScore(spanishEbook, wish));
    expect(editionScore(englishEbookOld, wish)).toBeGreaterThan(editionScore(englishPrint, wish));
  });

  it('keeps the first of equals (the source’s own order)', () => {
    expect(chooseEdition(['a', 'b'], () => ({}), { format: 'ebook' })).toBe('a');
    expect(chooseEdition([], () => ({}), {})).toBeUndefined();
  });
});

describe.skipIf(!corpusDir)('choosing among the recorded Sabriel editions', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const entries = (): OlEdition[] =>
    olEditions.parse(
      JSON.parse(readFileSync(corpusPath('api/openlibrary/bookwyrm_ol_edition_list.json'), 'utf8')),
    ).entries;
  const facts = (e: OlEdition): EditionFacts => ({
    ...(formatOf(e.physical_format) && { format: formatOf(e.physical_format) }),
    languages: (e.languages ?? []).map((l) => l.key.split('/').pop() ?? ''),
    ...(yearOf(e.publish_date) !== undefined && { year: yearOf(e.publish_date) }),
  });
  const cases: [
    string,
    { format?: 'ebook' | 'print' | 'audio'; language?: string; year?: number },
    string,
  ][] = [
    [
      'an English ebook from 2010',
      { format: 'ebook', language: 'en', year: 2010 },
      '/books/OL24285280M',
    ],
    [
      'an English ebook from 2001',
      { format: 'ebook', language: 'en', year: 2001 },
      '/books/OL24278530M',
    ],
    ['a Spanish print edition', { format: 'print', language: 'es' }, '/books/OL9142127M'],
    [
      'an English audiobook from 2006',
      { format: 'audio', language: 'en', year: 2006 },
      '/books/OL7946150M',
    ],
  ];
  for (const [what, wish, key] of cases)
    it(`picks ${what}`, () => expect(chooseEdition(entries(), facts, wish)?.key).toBe(key));
});
