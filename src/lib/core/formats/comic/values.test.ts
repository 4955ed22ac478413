import { describe, expect, it } from 'vitest';
import type { Identifier } from '../../metadata/types';
import {
  comicIdentifier,
  comicVineIdFromUrl,
  gtinCheckDigitValid,
  languageTag,
  parseIssueNumber,
  partialDate,
  seriesFields,
  splitList,
} from './values';

describe('parseIssueNumber', () => {
  const cases: [string | number | undefined, number | undefined][] = [
    ['1', 1],
    ['001', 1],
    ['#1', 1],
    [' 12 ', 12],
    ['1.5', 1.5],
    ['1,5', 1.5],
    ['.5', 0.5],
    ['½', 0.5],
    ['1½', 1.5],
    ['-1', -1],
    ['-½', -0.5],
    ['0', 0],
    ['1a', 1],
    ['1A', 1],
    ['12.MU', 12],
    ['5AU', 5],
    ['3-b', 3],
    [7, 7],
    ['Annual', undefined],
    ['∞', undefined],
    ['1/2', undefined],
    ['', undefined],
    [undefined, undefined],
    [Number.NaN, undefined],
  ];
  it.each(cases)('%s → %s', (text, expected) => {
    expect(parseIssueNumber(text)).toBe(expected);
  });
});

describe('partialDate', () => {
  const cases: [Record<string, string>, string | undefined, number][] = [
    [{ year: '1950', month: '11', day: '1' }, '1950-11-01', 0],
    [{ year: '1950', month: '11' }, '1950-11', 0],
    [{ year: '1950' }, '1950', 0],
    [{ year: '-1', month: '-1', day: '-1' }, undefined, 0],
    [{ year: '1950', month: '-1' }, '1950', 0],
    [{ year: '1950', month: '13' }, '1950', 1],
    [{ year: '2023', month: '2', day: '29' }, '2023-02', 1],
    [{ year: '2024', month: '2', day: '29' }, '2024-02-29', 0],
    [{ year: '50' }, undefined, 1],
    [{ year: 'soon' }, undefined, 1],
    [{ month: '11' }, undefined, 0],
  ];
  it.each(cases)('%o → %s (%i warnings)', (parts, expected, warningCount) => {
    const warnings: string[] = [];
    expect(partialDate(parts, 'date', (m) => warnings.push(m))).toBe(expected);
    expect(warnings).toHaveLength(warningCount);
  });
});

describe('languageTag', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en-US'],
    ['fra', 'fra'],
    ['English', 'en'],
    ['japanese', 'ja'],
    ['Klingon', undefined],
    ['', undefined],
  ])('%s → %s', (text, expected) => {
    expect(languageTag(text)).toBe(expected);
  });
});

describe('comicIdentifier', () => {
  const cases: [string, Identifier | undefined][] = [
    ['9780306406157', { scheme: 'isbn', value: '9780306406157' }],
    ['978-0-306-40615-7', { scheme: 'isbn', value: '9780306406157' }],
    ['0306406152', { scheme: 'isbn', value: '0306406152' }],
    ['9780306406158', undefined],
    ['036000291452', { scheme: 'gtin', value: '036000291452' }],
    ['036000291453', undefined],
    ['urn:upc:036000291452', { scheme: 'gtin', value: '036000291452' }],
    ['urn:isbn:9780306406157', { scheme: 'isbn', value: '9780306406157' }],
    ['urn:isbn:123-456789-0123', undefined],
    ['urn:comicvine:issue:145269', { scheme: 'comicvine', value: '4000-145269' }],
    ['urn:comicvine:volume:1', { scheme: 'comicvine', value: '4050-1' }],
    ['urn:comicvine:4000-145269', { scheme: 'comicvine', value: '4000-145269' }],
    ['CVDB145269', { scheme: 'comicvine', value: '4000-145269' }],
    ['urn:metron:issue:99999', { scheme: 'other', value: 'metron:issue:99999' }],
    ['https://example.com/a', { scheme: 'uri', value: 'https://example.com/a' }],
    ['hello', undefined],
  ];
  it.each(cases)('%s → %o', (text, expected) => {
    expect(comicIdentifier(text)).toEqual(expected);
  });

  it('finds the Comic Vine id in a Comic Vine URL', () => {
    expect(comicVineIdFromUrl('https://comicvine.gamespot.com/c/4000-145269/')).toEqual({
      scheme: 'comicvine',
      value: '4000-145269',
    });
    expect(comicVineIdFromUrl('https://example.com/4000-145269/')).toBeUndefined();
  });

  it('checks GS1 check digits', () => {
    expect(gtinCheckDigitValid('96385074')).toBe(true);
    expect(gtinCheckDigitValid('96385075')).toBe(false);
  });
});

describe('seriesFields (where Volume goes)', () => {
  const cases: [
    string,
    [string | undefined, string | undefined, number | undefined, string?],
    ReturnType<typeof seriesFields>,
  ][] = [
    ['no series', [undefined, '1', 1950], {}],
    [
      'series and issue',
      ['X', '1', undefined],
      { series: { name: 'X', number: 1, kind: 'series', issue: '#1' } },
    ],
    [
      'a start year is part of the series name',
      ['Batman', '1', 2016],
      { series: { name: 'Batman (2016)', number: 1, kind: 'series', issue: '#1' } },
    ],
    [
      'a name that carries its year keeps it once',
      ['Batman (2016)', '2', 2016],
      { series: { name: 'Batman (2016)', number: 2, kind: 'series', issue: '#2' } },
    ],
    [
      'a volume number is the position without an issue',
      ['X', undefined, 2],
      { series: { name: 'X', number: 2, kind: 'series' } },
    ],
    [
      'a volume number beside an issue becomes a set',
      ['X', '15', 2],
      {
        series: { name: 'X', number: 15, kind: 'series', issue: '#15' },
        collections: [{ name: 'X vol. 2', number: 15, kind: 'set' }],
      },
    ],
    [
      'an annual keeps its text but takes no place in the run',
      ['Batman', 'Annual 1', 2016],
      { series: { name: 'Batman (2016)', kind: 'series', issue: 'Annual 1' } },
    ],
    [
      'Format says what a plain number is',
      ['Batman', '1', 2016, 'Annual'],
      { series: { name: 'Batman (2016)', kind: 'series', issue: 'Annual 1' } },
    ],
    [
      'a variant keeps the number of its issue',
      ['Batman', '1b', undefined],
      { series: { name: 'Batman', number: 1, kind: 'series', issue: '#1b' } },
    ],
  ];
  it.each(cases)('%s', (_label, [name, issue, volume, format], expected) => {
    expect(seriesFields(name, issue, volume, format)).toEqual(expected);
  });
});

it('splitList trims, drops empties and keeps order', () => {
  expect(splitList(' a, b,,c ,')).toEqual(['a', 'b', 'c']);
  expect(splitList(undefined)).toEqual([]);
});
