import { describe, expect, it } from 'vitest';
import { isFar, pagesAhead, preloadPages } from './preload-window';

describe('preloadPages', () => {
  const cases: [string, number[], number, number, number[]][] = [
    ['the next three, then the one before', [5], 120, 3, [6, 7, 8, 4]],
    ['none before the first page', [0], 120, 3, [1, 2, 3]],
    ['none past the last page', [118], 120, 3, [119, 117]],
    ['nothing ahead on the last page', [119], 120, 3, [118]],
    ['after a spread, from its second page', [3, 4], 120, 4, [5, 6, 7, 8, 2]],
    ['nothing in an empty view', [], 120, 3, []],
    ['a one-page book', [0], 1, 3, []],
  ];
  for (const [name, view, count, ahead, pages] of cases) {
    it(name, () => expect(preloadPages(view, count, ahead)).toEqual(pages));
  }

  it('prepares two spreads ahead, one page at a time three', () => {
    expect(pagesAhead(true)).toBe(4);
    expect(pagesAhead(false)).toBe(3);
  });
});

describe('isFar', () => {
  it.each([
    [10, [10], false],
    [18, [10], false],
    [19, [10], true],
    [2, [10], false],
    [1, [10], true],
    [20, [11, 12], false],
    [21, [11, 12], true],
  ])('page %i from view %j: far is %s', (page, view, far) => {
    expect(isFar(page, view)).toBe(far);
  });

  it('keeps every prepared page within reach of the view', () => {
    for (let current = 0; current < 30; current++) {
      const view = [current];
      for (const page of preloadPages(view, 30, 4)) expect(isFar(page, view)).toBe(false);
    }
  });
});
