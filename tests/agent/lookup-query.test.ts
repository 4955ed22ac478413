import { describe, expect, it } from 'vitest';
import { lookupQuery } from '../../agent/metadata/lookups/lookup-query';

describe('lookupQuery for comics', () => {
  it('asks for a run by its name without the start year the series name carries', () => {
    const query = lookupQuery('cbz', {
      series: { name: 'Batman (2016)', number: 4, kind: 'series', issue: '#4' },
      published: '2016-09',
    });
    expect(query).toMatchObject({ kind: 'comic', series: 'Batman', number: 4, year: 2016 });
  });
});
