import { describe, expect, it } from 'vitest';
import { formatPercent, pageFromLocator, pageLabel, pageLocator } from './location-text';

describe('reading positions as text', () => {
  it('rounds down, so only the end reads 100%', () => {
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(-0.2)).toBe('0%');
    expect(formatPercent(0.42)).toBe('42%');
  });

  it('counts pages from 1 for people and from 0 in locators', () => {
    expect(pageLabel(0, 120)).toBe('Page 1 of 120');
    expect(pageLocator(11)).toBe('page:11');
    expect(pageFromLocator('page:11')).toBe(11);
    expect(pageFromLocator('epubcfi(/6/4!/4/2)')).toBeUndefined();
    expect(pageFromLocator(undefined)).toBeUndefined();
  });
});
