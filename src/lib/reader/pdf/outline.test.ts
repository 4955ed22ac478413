import { describe, expect, it } from 'vitest';
import { destinationPage, toOutline, type Destinations, type OutlineNode } from './outline';

const node = (
  title: string,
  dest: OutlineNode['dest'],
  items: OutlineNode[] = [],
): OutlineNode => ({
  title,
  dest,
  items,
});

/** A document whose page references are { num: 10 + index } and that knows one named destination. */
const doc: Destinations = {
  getDestination: (name: string) =>
    Promise.resolve(name === 'chapter-2' ? [{ num: 14, gen: 0 }, { name: 'Fit' }] : null),
  getPageIndex: (ref: { num: number; gen: number }) =>
    ref.num >= 10 && ref.num < 20
      ? Promise.resolve(ref.num - 10)
      : Promise.reject(new Error('Invalid pageIndex request.')),
};

describe('the outline', () => {
  it('keeps entries that lead somewhere or hold some, cleaning their titles', () => {
    const outline = toOutline([
      node('  Part\n One ', null, [node('Chapter 1', [{ num: 10, gen: 0 }])]),
      node('A web page', null),
      node('', 'chapter-2'),
    ]);
    expect(outline).toEqual([
      {
        title: 'Part One',
        dest: null,
        children: [{ title: 'Chapter 1', dest: [{ num: 10, gen: 0 }], children: [] }],
      },
      { title: 'Untitled', dest: 'chapter-2', children: [] },
    ]);
  });

  const cases: [string, OutlineNode['dest'], number | undefined][] = [
    ['a page reference', [{ num: 12, gen: 0 }, { name: 'XYZ' }, 0, 700, null], 2],
    ['a named destination', 'chapter-2', 4],
    ['a page index where a reference belongs', [3, { name: 'Fit' }], 3],
    ['an unknown name', 'nowhere', undefined],
    ['a reference to no page', [{ num: 99, gen: 0 }], undefined],
    ['no destination', null, undefined],
    ['a fractional index', [1.5], undefined],
  ];
  for (const [name, dest, page] of cases) {
    it(`finds the page of ${name}`, async () => {
      expect(await destinationPage(doc, dest)).toBe(page);
    });
  }
});
