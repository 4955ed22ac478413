import { describe, expect, it } from 'vitest';
import { compareIssues, parseIssue, renumberedIssue, type ComicIssue } from './issue-number';

function shape(text: string, format?: string) {
  const i = parseIssue(text, format);
  return i && { kind: i.kind, number: i.number, suffix: i.suffix, display: i.display };
}

describe('parseIssue', () => {
  it.each([
    ['1', 'regular', 1, undefined, '#1'],
    ['001', 'regular', 1, undefined, '#1'],
    ['#12', 'regular', 12, undefined, '#12'],
    ['1.5', 'regular', 1.5, undefined, '#1.5'],
    ['0', 'regular', 0, undefined, '#0'],
    ['-1', 'regular', -1, undefined, '#-1'],
    ['½', 'regular', 0.5, undefined, '#½'],
    ['1.MU', 'regular', 1, 'MU', '#1.MU'],
    ['1AU', 'regular', 1, 'AU', '#1.AU'],
    ['Annual 1', 'annual', 1, undefined, 'Annual 1'],
    ['Annual #2', 'annual', 2, undefined, 'Annual 2'],
    ['Annual', 'annual', undefined, undefined, 'Annual'],
    ['Special', 'special', undefined, undefined, 'Special'],
    ['One-Shot', 'one-shot', undefined, undefined, 'One-shot'],
    ['1 Variant', 'variant', 1, undefined, '#1 Variant'],
    ['1b', 'variant', 1, 'b', '#1b'],
  ])('reads %s', (text, kind, number, suffix, display) => {
    expect(shape(text)).toEqual({ kind, number, suffix, display });
  });

  it('takes the kind from ComicInfo Format when the number is plain', () => {
    expect(shape('1', 'Annual')).toMatchObject({ kind: 'annual', display: 'Annual 1' });
    expect(shape('', 'One-Shot')).toMatchObject({ kind: 'one-shot', display: 'One-shot' });
    expect(shape('3', 'Series')).toMatchObject({ kind: 'regular', display: '#3' });
  });

  it('reads nothing from nothing', () => {
    expect(parseIssue(undefined)).toBeUndefined();
    expect(parseIssue('  ')).toBeUndefined();
  });

  it('orders a run the way a reader reads it', () => {
    const texts = [
      'Special',
      '2',
      'Annual 1',
      '1 Variant',
      '1.5',
      'One-Shot',
      '1b',
      '1.MU',
      '-1',
      '½',
      '0',
      '1',
      'Annual 2',
    ];
    const sorted = texts
      .map((t) => parseIssue(t))
      .filter((i): i is ComicIssue => i !== undefined)
      .sort(compareIssues)
      .map((i) => i.display);
    expect(sorted).toEqual([
      '#-1',
      '#0',
      '#½',
      '#1',
      '#1b',
      '#1.MU',
      '#1 Variant',
      '#1.5',
      '#2',
      'Annual 1',
      'Annual 2',
      'Special',
      'One-shot',
    ]);
  });

  it('puts issues without a number after those with one', () => {
    expect(compareIssues(parseIssue('1'), undefined)).toBeLessThan(0);
    expect(compareIssues(undefined, parseIssue('1'))).toBeGreaterThan(0);
  });
});

describe('renumberedIssue', () => {
  it.each([
    ['#1.MU', 2, '#2.MU'],
    ['#4b', 5, '#5b'],
    ['#3', 7, '#7'],
    ['#1 Variant', 2, '#2 Variant'],
    ['Annual 1', 5, 'Annual 1'],
    ['One-shot', 1, 'One-shot'],
    ['#2', 2, '#2'],
  ] as const)('%s moved to %s → %s', (text, number, expected) => {
    expect(renumberedIssue(text, number)).toBe(expected);
  });

  it('keeps the text when the number is cleared, and has none to keep when there was none', () => {
    expect(renumberedIssue('#1.MU', undefined)).toBe('#1.MU');
    expect(renumberedIssue(undefined, 3)).toBeUndefined();
  });
});
