import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import type { BookMetadata } from '../../metadata/types';
import { readMetronInfo } from './metroninfo';

function metronInfo(inner: string): string {
  return `<?xml version="1.0"?><MetronInfo>${inner}</MetronInfo>`;
}

describe('readMetronInfo fields', () => {
  const cases: [label: string, inner: string, expected: BookMetadata][] = [
    [
      'series with start-year volume and language',
      '<Series lang="en"><Name>Captain Science</Name><Volume>1950</Volume></Series><Number>1</Number>',
      {
        languages: ['en'],
        series: { name: 'Captain Science (1950)', number: 1, kind: 'series', issue: '#1' },
      },
    ],
    [
      'StartYear stands in for a missing Volume',
      '<Series><Name>X</Name><StartYear>2011</StartYear></Series><Number>3</Number>',
      {
        series: { name: 'X (2011)', number: 3, kind: 'series', issue: '#3' },
      },
    ],
    ['collection title', '<CollectionTitle>Omnibus</CollectionTitle>', { title: 'Omnibus' }],
    [
      'stories make the title when there is no collection title',
      '<Stories><Story>One</Story><Story>Two</Story></Stories>',
      { title: 'One; Two' },
    ],
    ['v1.0 publisher text', '<Publisher id="1">Marvel</Publisher>', { publisher: 'Marvel' }],
    [
      'v1.1 publisher name',
      '<Publisher><Imprint>Imp</Imprint><Name>Pub</Name></Publisher>',
      { publisher: 'Pub', imprint: 'Imp' },
    ],
    ['cover date', '<CoverDate>1950-11-01</CoverDate>', { published: '1950-11-01' }],
    ['store date fallback', '<StoreDate>1950-10-05</StoreDate>', { published: '1950-10-05' }],
    [
      'genres and tags',
      '<Genres><Genre>SF</Genre></Genres><Tags><Tag>Space</Tag><Tag>sf</Tag></Tags>',
      { subjects: ['SF', 'Space'] },
    ],
    [
      'credits with several roles',
      '<Credits><Credit><Creator>Wally Wood</Creator><Roles><Role>Inker</Role>' +
        '<Role>Penciller</Role></Roles></Credit><Credit><Creator>Joe Orlando</Creator>' +
        '<Roles><Role>Writer</Role></Roles></Credit></Credits>',
      {
        authors: [{ name: 'Joe Orlando', roles: ['aut'] }],
        contributors: [{ name: 'Wally Wood', roles: ['art', 'comic:inker', 'comic:penciller'] }],
      },
    ],
    [
      'v1.1 IDS and URLs',
      '<IDS><ID source="Comic Vine">145269</ID><ID source="Metron" primary="true">9</ID>' +
        '<ID source="Grand Comics Database">5</ID></IDS><URLs><URL>https://x.org/a</URL></URLs>',
      {
        identifiers: [
          { scheme: 'comicvine', value: '4000-145269' },
          { scheme: 'other', value: 'metron:issue:9' },
          { scheme: 'other', value: 'grandcomicsdatabase:5' },
          { scheme: 'uri', value: 'https://x.org/a' },
        ],
      },
    ],
    [
      'v1.0 ID with alternatives',
      '<ID><Primary source="Metron">9</Primary><Alternatives>' +
        '<Alternative source="Comic Vine">1</Alternative></Alternatives></ID>',
      {
        identifiers: [
          { scheme: 'other', value: 'metron:issue:9' },
          { scheme: 'comicvine', value: '4000-1' },
        ],
      },
    ],
    [
      'valid GTIN values',
      '<GTIN><ISBN>9780306406157</ISBN><UPC>036000291452</UPC></GTIN>',
      {
        identifiers: [
          { scheme: 'isbn', value: '9780306406157' },
          { scheme: 'gtin', value: '036000291452' },
        ],
      },
    ],
    ['page count', '<PageCount>22</PageCount>', { pageCount: 22 }],
    ['age rating', '<AgeRating>Teen Plus</AgeRating>', { ageRating: 'Teen Plus' }],
    [
      'arcs',
      '<Arcs><Arc><Name>A</Name><Number>4</Number></Arc><Arc><Name>B</Name></Arc></Arcs>',
      {
        collections: [
          { name: 'A', number: 4, kind: 'set', group: 'story-arc' },
          { name: 'B', kind: 'set', group: 'story-arc' },
        ],
      },
    ],
  ];
  it.each(cases)('%s', (_label, inner, expected) => {
    expect(readMetronInfo(metronInfo(inner)).metadata).toEqual(expected);
  });

  it('skips GTIN values failing their check digits, with warnings', () => {
    const result = readMetronInfo(
      metronInfo('<GTIN><ISBN>123-456789-0123</ISBN><UPC>12345</UPC></GTIN>'),
    );
    expect(result.metadata).toEqual({});
    expect(result.warnings).toHaveLength(2);
  });

  it('ignores a document that is not MetronInfo', () => {
    expect(readMetronInfo('<ComicInfo/>').warnings[0]).toMatch(/not a MetronInfo document/);
  });
});

describe.skipIf(!corpusDir)('readMetronInfo on the corpus sample', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  it('comicbox_metroninfo.xml', () => {
    const xml = readFileSync(corpusPath('comicinfo/comicbox_metroninfo.xml'), 'utf8');
    const { metadata } = readMetronInfo(xml);
    expect(metadata).toMatchObject({
      title: 'Omnibus',
      publisher: 'Youthful Adventure Stories',
      published: '1950-11-01',
      languages: ['en'],
      subjects: ['Science Fiction'],
      series: { name: 'Captain Science (1950)', number: 1, kind: 'series', issue: '#1' },
      authors: [{ name: 'Joe Orlando', roles: ['aut'] }],
      contributors: [{ name: 'Wally Wood', roles: ['art', 'comic:inker', 'comic:penciller'] }],
      imprint: 'Youthful Imprint',
      ageRating: 'Teen Plus',
    });
    expect(metadata.pageCount).toBeUndefined();
    expect(metadata.identifiers).toEqual(
      expect.arrayContaining([
        { scheme: 'comicvine', value: '4000-145269' },
        { scheme: 'other', value: 'metron:issue:999999' },
        { scheme: 'uri', value: 'https://metron.cloud/issue/999999' },
      ]),
    );
    expect(metadata.collections).toEqual(
      expect.arrayContaining([
        { name: 'Captain Arc', number: 4, kind: 'set', group: 'story-arc' },
        { name: 'Other Arc', number: 2, kind: 'set', group: 'story-arc' },
      ]),
    );
  });
});
