import { describe, expect, it } from 'vitest';
import { extractGroups, type BracketGroup } from './bracket-groups';

describe('extractGroups', () => {
  const cases: [string, string, BracketGroup[]][] = [
    ['The Hobbit (1937)', 'The Hobbit', [{ text: '1937', bracket: '(' }]],
    [
      'Saga 012 (of 6) [c2c] {Group}',
      'Saga 012',
      [
        { text: 'of 6', bracket: '(' },
        { text: 'c2c', bracket: '[' },
        { text: 'Group', bracket: '{' },
      ],
    ],
    ['Author - [Series 3] - Title', 'Author - - Title', [{ text: 'Series 3', bracket: '[' }]],
    ['Title (unclosed', 'Title unclosed', []],
    ['Title (a [b] c)', 'Title a c', [{ text: 'b', bracket: '[' }]],
    ['Stray ) closer ]', 'Stray closer', []],
    ['Mismatched (a]', 'Mismatched a', []],
    ['Empty () []', 'Empty', []],
    ['((((', '', []],
  ];
  it.each(cases)('%j', (text, bare, groups) => {
    expect(extractGroups(text)).toEqual({ bare, groups });
  });
});
