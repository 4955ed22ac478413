import { describe, expect, it } from 'vitest';
import { readDate } from './dates';

describe('readDate', () => {
  it.each(['1937', '2016-05', '2016-05-04', '1450', '2100'])('keeps %s', (text) => {
    expect(readDate(text)).toBe(text);
  });

  it.each(['1449', '2101', '0012', '2016-13', '2016-00', '2016-05-32', '19370', '1937 ', 'c1937'])(
    'rejects %j',
    (text) => {
      expect(readDate(text)).toBeUndefined();
    },
  );
});
