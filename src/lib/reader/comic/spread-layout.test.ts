import { describe, expect, it } from 'vitest';
import { layoutViews, spreadsPages, viewAt } from './spread-layout';

describe('layoutViews', () => {
  const cases: [string, number, boolean, number[], number[][]][] = [
    ['no pages', 0, true, [], []],
    ['single pages', 3, false, [], [[0], [1], [2]]],
    ['a spread keeps the cover alone', 5, true, [], [[0], [1, 2], [3, 4]]],
    ['an even count ends on a page alone', 4, true, [], [[0], [1, 2], [3]]],
    ['one page', 1, true, [], [[0]]],
    [
      'a wide page stands alone and pairing starts again after it',
      7,
      true,
      [2],
      [[0], [1], [2], [3, 4], [5, 6]],
    ],
    ['a wide page at a pair start', 6, true, [3], [[0], [1, 2], [3], [4, 5]]],
    ['wide pages change nothing in single mode', 3, false, [1], [[0], [1], [2]]],
  ];
  for (const [name, count, spread, wide, views] of cases) {
    it(name, () => {
      const layout = layoutViews(count, spread, new Set(wide));
      expect(layout.views).toEqual(views);
      for (const [v, pages] of views.entries())
        for (const page of pages) expect(layout.viewOfPage[page]).toBe(v);
    });
  }

  it('puts every page of a long book in exactly one view, in order', () => {
    const wide = new Set([7, 8, 50, 119]);
    const layout = layoutViews(120, true, wide);
    expect(layout.views.flat()).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(layout.views.every((view) => view.length <= 2)).toBe(true);
  });
});

describe('viewAt', () => {
  const layout = layoutViews(5, true);
  it.each([
    [0, 0],
    [2, 1],
    [4, 2],
    [99, 2],
    [-3, 0],
  ])('page %i is in view %i (clamped)', (page, view) => {
    expect(viewAt(layout, page)).toBe(view);
  });
  it('has no view in a book with no pages', () => {
    expect(viewAt(layoutViews(0, true), 0)).toBeUndefined();
  });
});

describe('spreadsPages', () => {
  it.each([
    ['auto', 1366, 900, true],
    ['auto', 1180, 820, true],
    ['auto', 820, 1180, false],
    ['auto', 390, 844, false],
    ['auto', 844, 390, false],
    ['single', 1366, 900, false],
    ['double', 390, 844, true],
  ] as const)('%s at %i×%i → %s', (mode, width, height, spread) => {
    expect(spreadsPages(mode, width, height)).toBe(spread);
  });
});
