import { describe, expect, it } from 'vitest';
import { dateWords } from './date-words';

describe('dateWords', () => {
  it('shows a timestamp as its calendar date, in UTC', () => {
    expect(dateWords('2021-06-08T00:42:22Z', 'en-GB')).toBe('8 June 2021');
    expect(dateWords('2021-06-08T00:42:22Z', 'en-US')).toBe('June 8, 2021');
  });

  it('keeps what a partial date says, no more', () => {
    expect(dateWords('1869', 'en-GB')).toBe('1869');
    expect(dateWords('1869-05', 'en-GB')).toBe('May 1869');
    expect(dateWords('1869-05-01', 'en-GB')).toBe('1 May 1869');
  });

  it('leaves anything else as written', () => {
    expect(dateWords('circa 1850')).toBe('circa 1850');
    expect(dateWords('2021-13-45', 'en-GB')).toBe('2021-13-45');
    expect(dateWords('2021-02-30', 'en-GB')).toBe('2021-02-30');
  });
});
