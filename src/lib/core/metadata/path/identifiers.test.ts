import { describe, expect, it } from 'vitest';
import { isIsbnLabel, readAsin, readIsbn } from './identifiers';

describe('readIsbn', () => {
  it.each([
    ['9780306406157', '9780306406157'],
    ['978-0-306-40615-7', '9780306406157'],
    ['ISBN:9780306406157', '9780306406157'],
    ['isbn-13:978-0-306-40615-7', '9780306406157'],
    ['0306406152', '0306406152'],
    ['080442957X', '080442957X'],
    ['0-8044-2957-x', '080442957X'],
  ])('%s → %s', (word, isbn) => {
    expect(readIsbn(word)).toBe(isbn);
  });

  it.each([
    '9780306406158',
    '0306406153',
    '1234567890123',
    '978--0306406157',
    '-9780306406157',
    '12345',
    '2016',
    'ISBN',
    '9770306406155',
  ])('rejects %j', (word) => {
    expect(readIsbn(word)).toBeUndefined();
  });

  it('knows the ISBN label', () => {
    expect(isIsbnLabel('ISBN')).toBe(true);
    expect(isIsbnLabel('isbn-10:')).toBe(true);
    expect(isIsbnLabel('ISBNs')).toBe(false);
  });
});

describe('readAsin', () => {
  it.each([
    ['ASIN B00ABCDEFG', 'B00ABCDEFG'],
    ['asin: b00abcdefg', 'B00ABCDEFG'],
    ['B0DEADBEEF', 'B0DEADBEEF'],
  ])('%s → %s', (group, asin) => {
    expect(readAsin(group)).toBe(asin);
  });

  it.each(['b0deadbeef', 'B0DEADBEE', 'B1DEADBEEF', 'Digital', 'ASIN'])('rejects %j', (group) => {
    expect(readAsin(group)).toBeUndefined();
  });
});
