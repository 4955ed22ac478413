import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { BookFormatError } from '../../errors';
import type { BookMetadata } from '../../metadata/types';
import { readComicInfo } from './comicinfo';

/** A ComicInfo document with these elements (raw XML inside the root). */
function comicInfo(inner: string): string {
  return `<?xml version="1.0"?><ComicInfo xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${inner}</ComicInfo>`;
}

describe('readComicInfo fields', () => {
  const cases: [label: string, inner: string, expected: BookMetadata][] = [
    ['title', '<Title>The Beginning</Title>', { title: 'The Beginning' }],
    ['empty title is no title', '<Title/>', {}],
    [
      'series and number',
      '<Series>Captain Science</Series><Number>001</Number>',
      { series: { name: 'Captain Science', number: 1, kind: 'series', issue: '#1' } },
    ],
    [
      'a variant number keeps its issue position',
      '<Series>X</Series><Number>1a</Number>',
      { series: { name: 'X', number: 1, kind: 'series', issue: '#1a' } },
    ],
    [
      'a text number has no position',
      '<Series>X</Series><Number>Annual</Number>',
      { series: { name: 'X', kind: 'series', issue: 'Annual' } },
    ],
    [
      'Format marks an annual',
      '<Series>Batman</Series><Number>1</Number><Volume>2016</Volume><Format>Annual</Format>',
      { series: { name: 'Batman (2016)', kind: 'series', issue: 'Annual 1' } },
    ],
    [
      'the start year is part of the series name',
      '<Series>X</Series><Number>2</Number><Volume>1963</Volume>',
      { series: { name: 'X (1963)', number: 2, kind: 'series', issue: '#2' } },
    ],
    [
      'a manga volume without number is the position',
      '<Series>BTOOOM!</Series><Volume>2</Volume>',
      { series: { name: 'BTOOOM!', number: 2, kind: 'series' } },
    ],
    [
      'story arcs and the alternate series are sets',
      '<StoryArc>A, B</StoryArc><StoryArcNumber>4,2</StoryArcNumber>' +
        '<AlternateSeries>Alt</AlternateSeries><AlternateNumber>7</AlternateNumber>',
      {
        collections: [
          { name: 'A', number: 4, kind: 'set', group: 'story-arc' },
          { name: 'B', number: 2, kind: 'set', group: 'story-arc' },
          { name: 'Alt', number: 7, kind: 'set' },
        ],
      },
    ],
    [
      'summary keeps line breaks',
      '<Summary>\n  One.\nTwo.\n</Summary>',
      { description: 'One.\nTwo.' },
    ],
    [
      'publisher and its imprint',
      '<Publisher>Youthful</Publisher><Imprint>Y</Imprint>',
      { publisher: 'Youthful', imprint: 'Y' },
    ],
    ['imprint when there is no publisher', '<Imprint>Vertigo</Imprint>', { publisher: 'Vertigo' }],
    [
      'an imprint that is the publisher is no imprint',
      '<Publisher>Marvel</Publisher><Imprint>marvel</Imprint>',
      { publisher: 'Marvel' },
    ],
    ['age rating', '<AgeRating>Mature 17+</AgeRating>', { ageRating: 'Mature 17+' }],
    ['age rating Unknown says nothing', '<AgeRating>Unknown</AgeRating>', {}],
    [
      'series groups are reading lists',
      '<SeriesGroup>Bat-Family, Gotham</SeriesGroup>',
      {
        collections: [
          { name: 'Bat-Family', kind: 'set', group: 'series-group' },
          { name: 'Gotham', kind: 'set', group: 'series-group' },
        ],
      },
    ],
    ['full date', '<Year>1950</Year><Month>11</Month><Day>1</Day>', { published: '1950-11-01' }],
    ['partial date', '<Year>1950</Year><Month>11</Month>', { published: '1950-11' }],
    ['unset year', '<Year>-1</Year>', {}],
    ['language', '<LanguageISO>en</LanguageISO>', { languages: ['en'] }],
    [
      'genres and tags, split, trimmed, de-duplicated; id tags are not subjects',
      '<Genre>Science Fiction, Fantasy</Genre><Tags>fantasy,  Space ,urn:metron:1,CVDB7</Tags>',
      {
        subjects: ['Science Fiction', 'Fantasy', 'Space'],
        identifiers: [
          { scheme: 'other', value: 'metron:1' },
          { scheme: 'comicvine', value: '4000-7' },
        ],
      },
    ],
    [
      'web URLs, with the Comic Vine id',
      '<Web>https://comicvine.gamespot.com/c/4000-145269/ https://metron.cloud/issue/9</Web>',
      {
        identifiers: [
          { scheme: 'uri', value: 'https://comicvine.gamespot.com/c/4000-145269/' },
          { scheme: 'comicvine', value: '4000-145269' },
          { scheme: 'uri', value: 'https://metron.cloud/issue/9' },
        ],
      },
    ],
    [
      'GTIN: a valid ISBN',
      '<GTIN>978-0-306-40615-7</GTIN>',
      { identifiers: [{ scheme: 'isbn', value: '9780306406157' }] },
    ],
    [
      'GTIN: a UPC barcode',
      '<GTIN>036000291452</GTIN>',
      { identifiers: [{ scheme: 'gtin', value: '036000291452' }] },
    ],
    [
      'GTIN: Comic Vine and Metron URNs',
      '<GTIN>urn:comicvine:issue:145269,urn:metron:issue:99999</GTIN>',
      {
        identifiers: [
          { scheme: 'comicvine', value: '4000-145269' },
          { scheme: 'other', value: 'metron:issue:99999' },
        ],
      },
    ],
    [
      'notes carry the Comic Vine issue',
      '<Notes>Tagged [Issue ID 145269] [CVDB145269]</Notes>',
      { identifiers: [{ scheme: 'comicvine', value: '4000-145269' }] },
    ],
    [
      'credits: comma lists, MARC roles, one person per name',
      '<Writer>Guéro Anne, Guéro Gérard</Writer><Penciller>Wally Wood</Penciller>' +
        '<Inker>Wally Wood</Inker><Colorist>C</Colorist><Letterer>L</Letterer>' +
        '<CoverArtist>V</CoverArtist><Editor>E</Editor><Translator>T</Translator>',
      {
        authors: [
          { name: 'Guéro Anne', roles: ['aut'] },
          { name: 'Guéro Gérard', roles: ['aut'] },
        ],
        contributors: [
          { name: 'Wally Wood', roles: ['art', 'comic:penciller', 'comic:inker'] },
          { name: 'C', roles: ['clr'] },
          { name: 'L', roles: ['ctb', 'comic:letterer'] },
          { name: 'V', roles: ['cov', 'comic:cover-artist'] },
          { name: 'E', roles: ['edt'] },
          { name: 'T', roles: ['trl'] },
        ],
      },
    ],
    ['page count', '<PageCount>36</PageCount>', { pageCount: 36 }],
    ['page count 0 means unknown', '<PageCount>0</PageCount>', {}],
    [
      'element names match ignoring case',
      '<title>t</title><SERIES>s</SERIES>',
      {
        title: 't',
        series: { name: 's', kind: 'series' },
      },
    ],
  ];
  it.each(cases)('%s', (_label, inner, expected) => {
    const { metadata } = readComicInfo(comicInfo(inner));
    expect(metadata).toEqual(expected);
  });
});

describe('readComicInfo tolerance', () => {
  const bad: [label: string, inner: string, expected: BookMetadata, warning: RegExp][] = [
    [
      'a repeated element keeps the first',
      '<Publisher>A</Publisher><Publisher>B</Publisher>',
      { publisher: 'A' },
      /2 <Publisher> elements; the first \("A"\)/,
    ],
    [
      'a language name that is no code',
      '<LanguageISO>Klingon</LanguageISO>',
      {},
      /LanguageISO.*Klingon/,
    ],
    [
      'an impossible month',
      '<Year>1950</Year><Month>13</Month>',
      { published: '1950' },
      /month "13"/,
    ],
    ['a page count that is not a number', '<PageCount>many</PageCount>', {}, /PageCount.*many/],
    ['a GTIN failing its check digit', '<GTIN>9780306406158</GTIN>', {}, /GTIN.*9780306406158/],
    ['a web value that is no URL', '<Web>not a url</Web>', {}, /Web/],
    [
      'a front cover without an index',
      '<Pages><Page Image="x" Type="FrontCover"/></Pages>',
      {},
      /FrontCover/,
    ],
  ];
  it.each(bad)('%s: skipped with a warning', (_label, inner, expected, warning) => {
    const result = readComicInfo(comicInfo(inner));
    expect(result.metadata).toEqual(expected);
    expect(result.warnings.join('\n')).toMatch(warning);
  });

  it('finds the front cover page index', () => {
    const xml = comicInfo(
      '<Pages><Page Image="0" Type="Story"/><Page Image="3" Type="FrontCover"/></Pages>',
    );
    expect(readComicInfo(xml).frontCoverIndex).toBe(3);
  });

  it('ignores a document that is not ComicInfo, with a warning', () => {
    const result = readComicInfo('<MetronInfo><Number>1</Number></MetronInfo>');
    expect(result.metadata).toEqual({});
    expect(result.warnings[0]).toMatch(/not a ComicInfo document/);
  });

  it('throws invalid-xml for a document that is not XML', () => {
    expect(() => readComicInfo('<ComicInfo><Title>open')).toThrow(BookFormatError);
  });

  it('drops values that use declared entities instead of expanding them', () => {
    const xml =
      '<!DOCTYPE ComicInfo [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' +
      '<ComicInfo><Series>&b;</Series><Title>Kept</Title></ComicInfo>';
    const result = readComicInfo(xml);
    expect(result.metadata).toEqual({ title: 'Kept' });
    expect(result.warnings.join('\n')).toMatch(/declares XML entities/);
    expect(result.warnings.join('\n')).toMatch(/dropped/);
  });
});

describe.skipIf(!corpusDir)('readComicInfo on the corpus samples', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const read = (name: string) =>
    readComicInfo(readFileSync(corpusPath(`comicinfo/${name}`), 'utf8'), name);

  it('comicbox_comicinfo.xml', () => {
    const { metadata, warnings, frontCoverIndex } = read('comicbox_comicinfo.xml');
    expect(warnings).toEqual([]);
    expect(frontCoverIndex).toBe(0);
    expect(metadata).toMatchObject({
      title: 'The Beginning; The End',
      // Volume 1950 is the run's start year: part of the series' identity.
      series: { name: 'Captain Science (1950)', number: 1, kind: 'series', issue: '#1' },
      publisher: 'Youthful Adventure Stories',
      published: '1950-11-01',
      languages: ['en'],
      subjects: ['Science Fiction'],
      authors: [{ name: 'Joe Orlando', roles: ['aut'] }],
      contributors: [{ name: 'Wally Wood', roles: ['art', 'comic:penciller', 'comic:inker'] }],
      ageRating: 'Teen',
    });
    expect(metadata.collections).toEqual([
      { name: 'Captain Arc', number: 4, kind: 'set', group: 'story-arc' },
      { name: 'Other Arc', number: 2, kind: 'set', group: 'story-arc' },
      { name: 'Captain Science Alternate', number: 1, kind: 'set' },
    ]);
    expect(metadata.pageCount).toBeUndefined();
    expect(metadata.identifiers).toContainEqual({ scheme: 'comicvine', value: '4000-145269' });
    expect(metadata.collections ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Captain Science (1950)' }),
    );
  });

  it('comicbox_comicinfo-bad-multiple.xml keeps the first of each repeated value', () => {
    const { metadata, warnings } = read('comicbox_comicinfo-bad-multiple.xml');
    expect(metadata.publisher).toBe('Youthful Adventure Stories');
    expect(metadata.subjects).toEqual(['Science Fiction', 'Fantasy']);
    expect(JSON.stringify(metadata)).not.toMatch(/DO NOT PARSE/);
    expect(warnings).toHaveLength(2);
  });

  it('comicbox_comicinfo-validation.xml skips the bad values and keeps the good ones', () => {
    const { metadata, frontCoverIndex } = read('comicbox_comicinfo-validation.xml');
    expect(frontCoverIndex).toBe(0);
    expect(metadata).toMatchObject({
      series: { name: '2 (1950)', number: 1, kind: 'series', issue: '#1' },
      pageCount: 36,
      published: '1950-11-01',
      languages: ['en'],
      publisher: 'Youthful Adventure Stories',
    });
    expect(metadata.title).toBeUndefined();
  });

  it('comicbox_comicinfo-ids-from-tags.xml turns id tags into identifiers', () => {
    const { metadata } = read('comicbox_comicinfo-ids-from-tags.xml');
    expect(metadata).toEqual({
      identifiers: [
        { scheme: 'other', value: 'metron:9999' },
        { scheme: 'comicvine', value: '4000-1234' },
      ],
    });
  });

  it('comicbox_comicinfo-metron-origin.xml reads both web URLs and both GTIN ids', () => {
    const { metadata, warnings } = read('comicbox_comicinfo-metron-origin.xml');
    expect(warnings).toEqual([]);
    expect(metadata.identifiers).toEqual(
      expect.arrayContaining([
        { scheme: 'uri', value: 'https://metron.cloud/issue/99999' },
        { scheme: 'comicvine', value: '4000-145269' },
        { scheme: 'other', value: 'metron:issue:99999' },
      ]),
    );
  });

  it('comicbox_comicinfo-notes-date.xml', () => {
    const { metadata } = read('comicbox_comicinfo-notes-date.xml');
    expect(metadata.identifiers).toEqual([{ scheme: 'comicvine', value: '4000-145269' }]);
  });

  it('kavita_ComicInfo.xml', () => {
    const { metadata, warnings } = read('kavita_ComicInfo.xml');
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      title: 'v01',
      series: { name: 'BTOOOM!', kind: 'series' },
      publisher: 'Yen Press',
      subjects: ['Manga', 'Movies & TV'],
      pageCount: 194,
      languages: ['en'],
    });
    expect(metadata.description).toMatch(/^By all counts/);
  });
});
