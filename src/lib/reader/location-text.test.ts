import { describe, expect, it } from 'vitest';
import { pageFromLocator, pageLabel, pageLocator } from './location-text';

describe('reading positions as text', () => {
  it('counts pages from 1 for people and from 0 in locators', () => {
    expect(pageLabel(0, 120)).toBe('Page 1 of 120');
    // A spread names both its pages, as the reader's own counter does.
    expect(pageLabel(1, 5, 2)).toBe('Pages 2–3 of 5');
    expect(pageLabel(4, 5, 4)).toBe('Page 5 of 5');
    expect(pageLocator(11)).toBe('page:11');
    expect(pageFromLocator('page:11')).toBe(11);
    expect(pageFromLocator('epubcfi(/6/4!/4/2)')).toBeUndefined();
    expect(pageFromLocator(undefined)).toBeUndefined();
  });
});
