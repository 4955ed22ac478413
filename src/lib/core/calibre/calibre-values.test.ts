import { describe, expect, it } from 'vitest';
import { merge } from '../merge/merge';
import type { CalibreBook } from './calibre-book';
import { formatPath } from './calibre-book';
import { calibreIdentifier } from './calibre-identifiers';
import {
  calibreCandidates,
  calibreDate,
  calibreRating,
  splitTitle,
  titleSort,
} from './calibre-values';

const calibreBook = (patch: Partial<CalibreBook> = {}): CalibreBook => ({
  id: 9,
  title: 'The Inheritors: An Extravagant Story',
  sort: 'Inheritors, The',
  path: 'Joseph Conrad/The Inheritors_ An Extravagant Story (9)',
  authors: [
    { name: 'Joseph Conrad', sort: 'Conrad, Joseph' },
    { name: 'Ford Madox Ford', sort: 'Ford, Ford Madox' },
  ],
  series: { name: 'Curated Shelf', index: 9.5 },
  tags: ['curated', 'test-tag-9'],
  publisher: 'Standard Ebooks',
  pubdate: '2025-08-09 17:34:00+00:00',
  languages: ['eng'],
  identifiers: [{ type: 'isbn', value: '9780000000009' }],
  comments: '<p>A young writer.</p>',
  rating: 10,
  formats: [{ format: 'EPUB', name: 'The Inheritors_ An Extravagant Story - Joseph Conrad' }],
  hasCover: true,
  ...patch,
});

describe('Calibre values as merge candidates', () => {
  it('gives every field Calibre has, at full confidence, from the source "calibre"', () => {
    const { metadata, fields } = merge(calibreCandidates(calibreBook()));
    expect(metadata).toMatchObject({
      title: 'The Inheritors',
      subtitle: 'An Extravagant Story',
      sortTitle: 'Inheritors, The',
      authors: [
        { name: 'Joseph Conrad', sortName: 'Conrad, Joseph', roles: ['aut'] },
        { name: 'Ford Madox Ford', sortName: 'Ford, Ford Madox', roles: ['aut'] },
      ],
      series: { name: 'Curated Shelf', number: 9.5, kind: 'series' },
      subjects: ['curated', 'test-tag-9'],
      publisher: 'Standard Ebooks',
      published: '2025-08-09T17:34:00+00:00',
      languages: ['en'],
      identifiers: [{ scheme: 'other', value: 'isbn:9780000000009' }],
      description: '<p>A young writer.</p>',
      rating: 5,
    });
    // Calibre's values come at confidence 1; one source alone reads at most 95% (vote.ts).
    expect(fields.title).toMatchObject({ source: 'calibre', origin: 'calibre', confidence: 0.95 });
  });

  it('says nothing of what Calibre leaves empty, or fills with its placeholders', () => {
    const book = calibreBook({
      title: 'Unknown',
      authors: [{ name: 'Unknown', sort: 'Unknown' }],
      series: undefined,
      tags: [],
      publisher: undefined,
      pubdate: '0101-01-01 00:00:00+00:00',
      languages: [],
      identifiers: [],
      comments: '  ',
      rating: 0,
    });
    expect(calibreCandidates(book)).toEqual([]);
  });

  const titles: [string, ReturnType<typeof splitTitle>][] = [
    [
      'R.U.R.: Or, Rossum’s Universal Robots',
      { title: 'R.U.R.', subtitle: 'Or, Rossum’s Universal Robots' },
    ],
    ['Germinal', { title: 'Germinal' }],
    ['Re:Zero', { title: 'Re:Zero' }],
    [': Nothing before', { title: ': Nothing before' }],
    ['Nothing after: ', { title: 'Nothing after:' }],
  ];
  it.each(titles)('splits the title %j', (title, parts) =>
    expect(splitTitle(title)).toEqual(parts),
  );

  const sorts: [string, string | undefined, string][] = [
    ['The Inheritors: An Extravagant Story', 'Inheritors, The', 'Inheritors, The'],
    ['R.U.R.: Or, Rossum’s Universal Robots', 'R.U.R.', 'R.U.R.'],
    ['Le Comte de Monte-Cristo', 'Comte de Monte-Cristo, Le', 'Comte de Monte-Cristo, Le'],
    ['The Sherlock Holmes Collection', 'Sherlock Holmes 01', 'Sherlock Holmes Collection, The'],
    ['Title Corrected In Calibre', 'Three Musketeers, The', 'Title Corrected In Calibre'],
    ['The Time Machine: A Novel', '', 'Time Machine, The'],
    ['Germinal', undefined, 'Germinal'],
  ];
  it.each(sorts)('sorts %j by %j only when that sorts it', (title, sort, used) =>
    expect(titleSort(title, sort)).toBe(used),
  );

  const dates: [string | undefined, string | undefined][] = [
    ['2019-12-09 23:34:13+00:00', '2019-12-09T23:34:13+00:00'],
    ['2026-12-07 04:12:02.480521+00:00', '2026-12-07T04:12:02+00:00'],
    ['2014-05-25T00:00:00', '2014-05-25T00:00:00+00:00'],
    ['0101-01-01 00:00:00+00:00', undefined],
    ['yesterday', undefined],
    [undefined, undefined],
  ];
  it.each(dates)('reads the date %j', (text, iso) => expect(calibreDate(text)).toBe(iso));

  it.each([
    [10, 5],
    [7, 3.5],
    [0, undefined],
    [undefined, undefined],
    [12, 5],
  ])('reads the rating %j as %j stars', (rating, stars) =>
    expect(calibreRating(rating)).toBe(stars),
  );

  it.each([
    ['isbn', '978-0-261-10334-4', { scheme: 'isbn', value: '978-0-261-10334-4' }],
    ['isbn', '9780000000009', { scheme: 'other', value: 'isbn:9780000000009' }],
    ['amazon', 'B000FC1PJM', { scheme: 'asin', value: 'B000FC1PJM' }],
    ['amazon_co_uk', 'B000FC1PJM', { scheme: 'asin', value: 'B000FC1PJM' }],
    ['mobi-asin', 'B000FC1PJM', { scheme: 'asin', value: 'B000FC1PJM' }],
    ['doi', '10.1000/182', { scheme: 'doi', value: '10.1000/182' }],
    ['goodreads', '2767052', { scheme: 'other', value: 'goodreads:2767052' }],
    ['Google', 'abc', { scheme: 'other', value: 'google:abc' }],
    ['isbn', ' ', undefined],
  ])('reads the identifier %s:%s', (type, value, identifier) =>
    expect(calibreIdentifier(type, value)).toEqual(identifier),
  );

  it('names a format file as Calibre does: path/name.format, the extension in lower case', () => {
    expect(formatPath(calibreBook(), { format: 'AZW3', name: 'Germinal - Emile Zola' })).toBe(
      'Joseph Conrad/The Inheritors_ An Extravagant Story (9)/Germinal - Emile Zola.azw3',
    );
  });
});
