import { describe, expect, it } from 'vitest';
import type { ArchiveEntryInfo } from '../../archive/archive';
import { compareNatural, comparePagePaths, isPageEntry, sortPages } from './pages';

function entry(name: string, overrides: Partial<ArchiveEntryInfo> = {}): ArchiveEntryInfo {
  return {
    name,
    size: 100,
    compressedSize: 90,
    directory: name.endsWith('/'),
    encrypted: false,
    unsafe: false,
    ...overrides,
  };
}

describe('isPageEntry', () => {
  const cases: [string, Partial<ArchiveEntryInfo>, boolean][] = [
    ['001.jpg', {}, true],
    ['chapter 1/P002.JPEG', {}, true],
    ['a.png', {}, true],
    ['a.gif', {}, true],
    ['a.webp', {}, true],
    ['a.avif', {}, true],
    ['a.jxl', {}, true],
    ['a.bmp', {}, true],
    ['ComicInfo.xml', {}, false],
    ['notes.txt', {}, false],
    ['cover.jpg.txt', {}, false],
    ['jpg', {}, false],
    ['__MACOSX/._001.jpg', {}, false],
    ['__MACOSX/sub/001.jpg', {}, false],
    ['sub/__MACOSX/001.jpg', {}, false],
    ['._001.jpg', {}, false],
    ['.hidden/001.jpg', {}, false],
    ['./001.jpg', {}, true],
    ['./.hidden/001.jpg', {}, false],
    ['.thumb.jpg', {}, false],
    ['images.jpg/', {}, false],
    ['dir.jpg', { directory: true }, false],
    ['../evil.jpg', { unsafe: true }, false],
  ];
  it.each(cases)('%s %o → %s', (name, overrides, expected) => {
    expect(isPageEntry(entry(name, overrides))).toBe(expected);
  });
});

describe('natural page order', () => {
  const orders: [label: string, input: string[], expected: string[]][] = [
    [
      'numbers by value',
      ['page10.jpg', 'page2.jpg', 'page1.jpg'],
      ['page1.jpg', 'page2.jpg', 'page10.jpg'],
    ],
    ['leading zeros', ['010.jpg', '002.jpg', '1.jpg'], ['1.jpg', '002.jpg', '010.jpg']],
    ['case ignored', ['B.jpg', 'a.jpg', 'C.jpg'], ['a.jpg', 'B.jpg', 'C.jpg']],
    ['stem before extension', ['p1-2.jpg', 'p1.jpg', 'p1a.jpg'], ['p1.jpg', 'p1-2.jpg', 'p1a.jpg']],
    [
      'folders naturally',
      ['ch10/1.jpg', 'ch2/1.jpg', 'ch1/2.jpg', 'ch1/1.jpg'],
      ['ch1/1.jpg', 'ch1/2.jpg', 'ch2/1.jpg', 'ch10/1.jpg'],
    ],
    [
      "a folder's files before its subfolders",
      ['a/sub/1.jpg', 'a/9.jpg', 'z.jpg', 'a/1.jpg'],
      ['z.jpg', 'a/1.jpg', 'a/9.jpg', 'a/sub/1.jpg'],
    ],
    [
      'digit runs longer than a number',
      ['p100000000000000000000.jpg', 'p99999999999999999999.jpg'],
      ['p99999999999999999999.jpg', 'p100000000000000000000.jpg'],
    ],
  ];
  it.each(orders)('%s', (_label, input, expected) => {
    expect(sortPages(input.map((n) => entry(n))).map((e) => e.name)).toEqual(expected);
  });

  it('is a total order: ties fall back to the raw names, whatever the input order', () => {
    const names = ['01.jpg', '1.jpg', 'A.jpg', 'a.jpg', '001.jpg'];
    const forward = [...names].sort(comparePagePaths);
    const backward = [...names].reverse().sort(comparePagePaths);
    expect(forward).toEqual(backward);
    expect(forward).toEqual(['001.jpg', '01.jpg', '1.jpg', 'A.jpg', 'a.jpg']);
  });

  it('compares digit runs as numbers and text without the locale', () => {
    expect(compareNatural('x2', 'x10')).toBeLessThan(0);
    expect(compareNatural('X', 'x')).toBe(0);
    expect(compareNatural('é', 'z')).toBeGreaterThan(0);
  });

  it('keeps only pages, in order, from a mixed listing', () => {
    const entries = [
      'ComicInfo.xml',
      '__MACOSX/',
      '__MACOSX/._p2.jpg',
      'p10.jpg',
      'p2.jpg',
      'Thumbs.db',
      'p1.png',
    ].map((n) => entry(n));
    expect(sortPages(entries).map((e) => e.name)).toEqual(['p1.png', 'p2.jpg', 'p10.jpg']);
  });
});
