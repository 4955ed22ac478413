import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, readBrowseState, writeBrowseState, type BrowseState } from './browse-state';

const cases: [string, BrowseState][] = [
  ['', DEFAULT_STATE],
  ['q=zola', { ...DEFAULT_STATE, q: 'zola', sort: 'relevance' }],
  ['sort=added&dir=desc&view=list', { ...DEFAULT_STATE, sort: 'added', dir: 'desc', view: 'list' }],
  [
    'format=epub%2Cpdf&lang=en&year=1900..1950&size=..5000000&cover=yes&series=no&status=missing',
    {
      ...DEFAULT_STATE,
      filters: {
        formats: ['epub', 'pdf'],
        languages: ['en'],
        statuses: ['missing'],
        year: { min: 1900, max: 1950 },
        size: { max: 5_000_000 },
        hasCover: true,
        hasSeries: false,
      },
    },
  ],
];

describe('browse state in the URL', () => {
  it.each(cases)('reads "%s"', (query, state) => {
    expect(readBrowseState(new URLSearchParams(query))).toEqual(state);
  });

  it.each(cases)('round-trips "%s"', (_query, state) => {
    expect(readBrowseState(writeBrowseState(state))).toEqual(state);
  });

  it('ignores what it does not understand', () => {
    expect(
      readBrowseState(
        new URLSearchParams('sort=price&dir=sideways&year=abc..&cover=maybe&view=3d'),
      ),
    ).toEqual(DEFAULT_STATE);
  });
});
