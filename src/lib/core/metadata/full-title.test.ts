import { describe, expect, it } from 'vitest';
import { fullTitle, mainTitle } from './full-title';

describe('fullTitle', () => {
  it.each([
    ['R.U.R.', 'Or, Rossum’s Universal Robots', 'R.U.R.: Or, Rossum’s Universal Robots'],
    ['The Inheritors', 'An Extravagant Story', 'The Inheritors: An Extravagant Story'],
    ['Dune', undefined, 'Dune'],
    ['Dune', '  ', 'Dune'],
    [
      'The Inheritors: An Extravagant Story',
      'An Extravagant Story',
      'The Inheritors: An Extravagant Story',
    ],
    ['Title:', 'Sub', 'Title: Sub'],
  ])('%s + %s → %s', (title, subtitle, expected) => {
    expect(fullTitle(title, subtitle)).toBe(expected);
  });
});

describe('mainTitle', () => {
  it.each([
    ['The Inheritors: An Extravagant Story', 'An Extravagant Story', 'The Inheritors'],
    ['The Inheritors — an extravagant story', 'An Extravagant Story', 'The Inheritors'],
    ['The Inheritors', 'An Extravagant Story', 'The Inheritors'],
    ['Story', 'Story', 'Story'],
    ['A Love Story', 'Story', 'A Love Story'],
  ])('%s with subtitle %s → %s', (title, subtitle, expected) => {
    expect(mainTitle(title, subtitle)).toBe(expected);
  });
});
