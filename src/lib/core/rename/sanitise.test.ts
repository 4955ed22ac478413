import { describe, expect, it } from 'vitest';
import {
  getProfile,
  measure,
  pathKey,
  profiles,
  sanitiseComponent,
  sanitiseValue,
  truncate,
  type ProfileName,
} from './sanitise';

const { linux, macos, windows } = profiles;

describe('sanitiseValue per profile', () => {
  const cases: [string, Record<ProfileName, string>][] = [
    ['AC/DC', { linux: 'AC-DC', macos: 'AC-DC', windows: 'AC-DC' }],
    ['back\\slash', { linux: 'back-slash', macos: 'back-slash', windows: 'back-slash' }],
    [
      'Dune: Messiah',
      { linux: 'Dune: Messiah', macos: 'Dune - Messiah', windows: 'Dune - Messiah' },
    ],
    ['10:30', { linux: '10:30', macos: '10-30', windows: '10-30' }],
    [
      'Who Goes There?',
      { linux: 'Who Goes There?', macos: 'Who Goes There?', windows: 'Who Goes There' },
    ],
    ['M*A*S*H', { linux: 'M*A*S*H', macos: 'M*A*S*H', windows: 'MASH' }],
    [
      '"Quoted" <b> a|b',
      { linux: '"Quoted" <b> a|b', macos: '"Quoted" <b> a|b', windows: "'Quoted' b a-b" },
    ],
    [
      'tab\there\nnew\u0000line',
      { linux: 'tab here new line', macos: 'tab here new line', windows: 'tab here new line' },
    ],
    ['  spaced\u00a0 out  ', { linux: 'spaced out', macos: 'spaced out', windows: 'spaced out' }],
    // A right-to-left override can make "cod.exe" look like "exe.doc".
    [
      'evil\u202eelif.epub',
      { linux: 'evil elif.epub', macos: 'evil elif.epub', windows: 'evil elif.epub' },
    ],
    ['Cafe\u0301', { linux: 'Café', macos: 'Café', windows: 'Café' }],
    ['👨‍👩‍👧 family', { linux: '👨‍👩‍👧 family', macos: '👨‍👩‍👧 family', windows: '👨‍👩‍👧 family' }],
  ];
  for (const [input, expected] of cases)
    for (const name of ['linux', 'macos', 'windows'] as const)
      it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected[name])}`, () =>
        expect(sanitiseValue(input, profiles[name])).toBe(expected[name]));

  it('is idempotent', () => {
    for (const profile of [linux, macos, windows])
      for (const [input] of cases) {
        const once = sanitiseValue(input, profile);
        expect(sanitiseValue(once, profile)).toBe(once);
      }
  });

  it('makes NFC of NFD input', () => {
    expect(sanitiseValue('Mu\u0308ller', linux)).toBe('M\u00fcller');
  });
});

describe('sanitiseComponent', () => {
  const cases: [string, Record<ProfileName, string>][] = [
    ['CON', { linux: 'CON', macos: 'CON', windows: 'CON_' }],
    ['con.epub', { linux: 'con.epub', macos: 'con.epub', windows: 'con_.epub' }],
    ['Nul.tar.gz', { linux: 'Nul.tar.gz', macos: 'Nul.tar.gz', windows: 'Nul_.tar.gz' }],
    ['COM1', { linux: 'COM1', macos: 'COM1', windows: 'COM1_' }],
    ['LPT9.txt', { linux: 'LPT9.txt', macos: 'LPT9.txt', windows: 'LPT9_.txt' }],
    ['COM10', { linux: 'COM10', macos: 'COM10', windows: 'COM10' }],
    ['Console', { linux: 'Console', macos: 'Console', windows: 'Console' }],
    ['AUX ', { linux: 'AUX', macos: 'AUX', windows: 'AUX_' }],
    ['Mr. Jones Jr.', { linux: 'Mr. Jones Jr.', macos: 'Mr. Jones Jr.', windows: 'Mr. Jones Jr' }],
    ['trailing. . ', { linux: 'trailing. .', macos: 'trailing. .', windows: 'trailing' }],
    ['.hidden', { linux: 'hidden', macos: 'hidden', windows: 'hidden' }],
    ['..', { linux: '', macos: '', windows: '' }],
    ['...', { linux: '', macos: '', windows: '' }],
    ['a:b', { linux: 'a:b', macos: 'a-b', windows: 'a-b' }],
  ];
  for (const [input, expected] of cases)
    for (const name of ['linux', 'macos', 'windows'] as const)
      it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected[name])}`, () =>
        expect(sanitiseComponent(input, profiles[name])).toBe(expected[name]));
});

describe('measure', () => {
  it.each([
    ['abc', 3, 3, 3],
    ['é', 2, 3, 1], // NFC é is 2 bytes; macOS stores e + U+0301: 3 bytes
    ['日本', 6, 6, 2],
    ['😀', 4, 4, 2], // one code point, a surrogate pair in UTF-16
    ['👍🏽', 8, 8, 4],
  ])('%j: linux %i, macos %i, windows %i', (text, l, m, w) => {
    expect([measure(text, linux), measure(text, macos), measure(text, windows)]).toEqual([l, m, w]);
  });
});

describe('truncate', () => {
  it('cuts to the limit in the profile unit', () => {
    expect(truncate('abcdef', 4, linux)).toBe('abcd');
    expect(truncate('日本語の本', 7, linux)).toBe('日本'); // 3 bytes each
    expect(truncate('日本語の本', 3, windows)).toBe('日本語');
  });
  it('never splits a surrogate pair, a ZWJ sequence, a flag or a combining sequence', () => {
    expect(truncate('ab😀', 5, linux)).toBe('ab');
    expect(truncate('a😀b', 2, windows)).toBe('a');
    expect(truncate('x👨‍👩‍👧', 12, linux)).toBe('x');
    expect(truncate('x🇫🇷', 6, linux)).toBe('x');
    expect(truncate('xe\u0301', 2, linux)).toBe('x');
  });
  it('drops separators it ends on', () => {
    expect(truncate('Title - Subtitle', 8, linux)).toBe('Title');
  });
  it('leaves text that fits alone', () => {
    expect(truncate('short', 255, linux)).toBe('short');
  });
});

describe('pathKey', () => {
  const nfd = '/lib/Cafe\u0301.epub';
  const nfc = '/lib/Café.epub';
  it('is exact on linux: case and normalisation make different files', () => {
    expect(pathKey(nfd, linux)).not.toBe(pathKey(nfc, linux));
    expect(pathKey('/lib/A.epub', linux)).not.toBe(pathKey('/lib/a.epub', linux));
  });
  it('folds case and normalisation on macOS', () => {
    expect(pathKey(nfd, macos)).toBe(pathKey(nfc.toUpperCase(), macos));
  });
  it('folds case but not normalisation on Windows', () => {
    expect(pathKey('/lib/A.epub', windows)).toBe(pathKey('/lib/a.epub', windows));
    expect(pathKey(nfd, windows)).not.toBe(pathKey(nfc, windows));
  });
  it('follows an explicit case-sensitivity override', () => {
    expect(pathKey('/A', macos, false)).not.toBe(pathKey('/a', macos, false));
  });
});

describe('getProfile', () => {
  it('lifts the Windows path limit with long paths', () => {
    expect(getProfile('windows').pathMax).toBe(259);
    expect(getProfile('windows', { longPaths: true }).pathMax).toBe(32_766);
    expect(getProfile('linux', { longPaths: true }).pathMax).toBe(4095);
  });
});
