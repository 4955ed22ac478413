import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import type { BookMetadata } from '../../metadata/types';
import { readCoMet } from './comet';

function comet(inner: string): string {
  return `<?xml version="1.0"?><comet xmlns:comet="http://www.denvog.com/comet/">${inner}</comet>`;
}

describe('readCoMet fields', () => {
  const cases: [label: string, inner: string, expected: BookMetadata][] = [
    [
      'title, series, issue',
      '<title>T</title><series>S</series><issue>2</issue>',
      { title: 'T', series: { name: 'S', number: 2, kind: 'series', issue: '#2' } },
    ],
    ['date', '<date>1950-12-01</date>', { published: '1950-12-01' }],
    ['genres, one per element', '<genre>A</genre><genre>B</genre>', { subjects: ['A', 'B'] }],
    [
      'credits',
      '<creator>C</creator><writer>W</writer><penciller>P</penciller>' +
        '<coverDesigner>D</coverDesigner><letterer>L</letterer>',
      {
        authors: [
          { name: 'C', roles: ['cre'] },
          { name: 'W', roles: ['aut'] },
        ],
        contributors: [
          { name: 'P', roles: ['art', 'comic:penciller'] },
          { name: 'L', roles: ['ctb', 'comic:letterer'] },
          { name: 'D', roles: ['cov'] },
        ],
      },
    ],
    [
      'identifiers, unknown ones kept as other',
      '<identifier>CVDB1</identifier><identifier>house-42</identifier><isbn>0306406152</isbn>',
      {
        identifiers: [
          { scheme: 'comicvine', value: '4000-1' },
          { scheme: 'other', value: 'house-42' },
          { scheme: 'isbn', value: '0306406152' },
        ],
      },
    ],
    ['pages', '<pages>24</pages>', { pageCount: 24 }],
  ];
  it.each(cases)('%s', (_label, inner, expected) => {
    expect(readCoMet(comet(inner)).metadata).toEqual(expected);
  });

  it('reports the cover image name', () => {
    expect(readCoMet(comet('<coverImage>p01.jpg</coverImage>')).coverImage).toBe('p01.jpg');
  });

  it('warns about a language that is not a code', () => {
    const result = readCoMet(comet('<language>Elvish</language>'));
    expect(result.metadata).toEqual({});
    expect(result.warnings[0]).toMatch(/Elvish/);
  });
});

describe.skipIf(!corpusDir)('readCoMet on the corpus sample', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  it('comicbox_comet.xml', () => {
    const xml = readFileSync(corpusPath('comicinfo/comicbox_comet.xml'), 'utf8');
    const { metadata, warnings, coverImage } = readCoMet(xml);
    expect(warnings).toEqual([]);
    expect(coverImage).toBe('CaptainScience#1_01.jpg');
    expect(metadata).toEqual({
      title: 'The Beginning',
      description: 'A long example description',
      publisher: 'Bell Features',
      ageRating: 'Teen',
      published: '1950-12-01',
      languages: ['en'],
      subjects: ['Science Fiction'],
      identifiers: [{ scheme: 'comicvine', value: '4000-145269' }],
      authors: [{ name: 'Joe Orlando', roles: ['aut'] }],
      contributors: [{ name: 'Wally Wood', roles: ['art', 'comic:penciller'] }],
      pageCount: 5,
      series: { name: 'Captain Science', number: 1, kind: 'series', issue: '#1' },
      collections: [{ name: 'Captain Science vol. 1', number: 1, kind: 'set' }],
    });
  });
});
