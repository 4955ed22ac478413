import { describe, expect, it } from 'vitest';
import { estimatePercentage, locationLabel } from './location-report';

describe('where the reader says it is', () => {
  it('estimates from the section and the page in it until the locations are counted', () => {
    const at = (section: number, page: number, pages: number) =>
      estimatePercentage({ cfi: 'epubcfi(/6/2!)', section, page, pages }, 10);
    expect(at(0, 1, 5)).toBe(0);
    expect(at(5, 1, 4)).toBe(0.5);
    expect(at(5, 3, 4)).toBe(0.55);
    expect(at(9, 4, 4)).toBeLessThan(1);
    expect(estimatePercentage({ cfi: '', section: 3, page: 1, pages: 0 }, 0)).toBe(0);
  });

  it('names the chapter when it knows it', () => {
    expect(locationLabel('Chapter III', 0.424)).toBe('Chapter III · 42%');
    expect(locationLabel('Chapter III', 0.999)).toBe('Chapter III · 99%');
    expect(locationLabel(undefined, 0.05)).toBe('5%');
  });
});
