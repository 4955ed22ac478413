import { describe, expect, it } from 'vitest';
import type { MetadataField } from '#core/metadata/types';
import { fieldText, parseFieldText, ratingStars } from './field-text';

const cases: [MetadataField, string, unknown][] = [
  ['title', 'Germinal', 'Germinal'],
  [
    'authors',
    'Émile Zola, Havelock Ellis',
    [
      { name: 'Émile Zola', roles: ['aut'] },
      { name: 'Havelock Ellis', roles: ['aut'] },
    ],
  ],
  [
    'series',
    'Les Rougon-Macquart #13',
    { name: 'Les Rougon-Macquart', kind: 'series', number: 13 },
  ],
  ['series', 'Oz #4.5', { name: 'Oz', kind: 'series', number: 4.5 }],
  ['series', '', { name: '', kind: 'series' }],
  ['languages', 'fr, en', ['fr', 'en']],
  ['identifiers', 'isbn:9782070427796', [{ scheme: 'isbn', value: '9782070427796' }]],
  ['pageCount', '320', 320],
  ['rating', '4.5', 4.5],
];

describe('typing a field', () => {
  it.each(cases)('%s: "%s"', (field, text, value) => {
    expect(parseFieldText(field, text)).toEqual({ value });
  });

  it('round-trips what it shows', () => {
    for (const [field, text, value] of cases) {
      if (text) expect(fieldText(field, value)).toBe(text.replace(', ', ', '));
    }
  });

  it('refuses what cannot be a value', () => {
    expect(parseFieldText('pageCount', 'many')).toHaveProperty('error');
    expect(parseFieldText('title', '   ')).toHaveProperty('error');
    for (const text of ['0', '4.2', '6', ''])
      expect(parseFieldText('rating', text)).toHaveProperty('error');
  });

  it('shows a rating as stars', () => {
    expect(ratingStars(4.5)).toBe('★★★★½');
    expect(ratingStars(2)).toBe('★★');
  });
});
