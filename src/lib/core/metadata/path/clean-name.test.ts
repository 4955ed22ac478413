import { describe, expect, it } from 'vitest';
import { cleanName, isDotSeparated, stripExtension, trimChars } from './clean-name';

describe('cleanName', () => {
  it.each([
    ['the_hobbit', 'the hobbit'],
    ['Some.Title.2019', 'Some Title 2019'],
    ['Saga.012.5', 'Saga 012.5'],
    ['J.R.R. Tolkien - The Hobbit', 'J.R.R. Tolkien - The Hobbit'],
    ['Mr. Mercedes', 'Mr. Mercedes'],
    ['snake_case.with.dots', 'snake case.with.dots'],
    ['  lots \t of \n space  ', 'lots of space'],
    ['Cafe\u0301', 'Café'],
    ['Tab\u0000Nul', 'Tab Nul'],
    ['KEEP Case', 'KEEP Case'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(cleanName(raw)).toBe(expected);
  });

  it('tells dot-separated names from spaced ones', () => {
    expect(isDotSeparated('Some.Title')).toBe(true);
    expect(isDotSeparated('Some Title.')).toBe(false);
    expect(isDotSeparated('some_title.x')).toBe(false);
    expect(isDotSeparated('Title')).toBe(false);
  });
});

describe('stripExtension', () => {
  it.each([
    ['The Hobbit.epub', 'The Hobbit'],
    ['Saga 012.cbz', 'Saga 012'],
    ['Saga 012.5', 'Saga 012.5'],
    ['Some.Title.2019.epub', 'Some.Title.2019'],
    ['.epub', ''],
    ['No extension', 'No extension'],
    ['Name.with spaces', 'Name.with spaces'],
  ])('%j → %j', (name, expected) => {
    expect(stripExtension(name)).toBe(expected);
  });
});

describe('trimChars', () => {
  it('trims the given characters and whitespace from both ends only', () => {
    expect(trimChars(' ,Foundation, ', ',')).toBe('Foundation');
    expect(trimChars('a, b', ',')).toBe('a, b');
    expect(trimChars(',,,', ',')).toBe('');
  });

  // A backtracking guard, not a speed test (that is bench/): linear work takes milliseconds,
  // quadratic work on these runs minutes, far past the test's time limit.
  it('is linear on long runs', { timeout: 60_000 }, () => {
    expect(trimChars(`${','.repeat(100_000)}a${','.repeat(100_000)}`, ',')).toBe('a');
  });
});
