import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptAround, findMatches, fold, foldQuery, locateOffset } from './text-search';

describe('finding words as people type them', () => {
  const cases: { text: string; query: string; found: string[] }[] = [
    { text: 'The Time Traveller', query: 'time', found: ['Time'] },
    { text: 'Élève, élève, ELEVE', query: 'eleve', found: ['Élève', 'élève', 'ELEVE'] },
    // An accent written as its own combining mark stays with its letter.
    { text: 'cafe\u0301 au lait', query: 'cafe', found: ['cafe\u0301'] },
    { text: 'the   Time\n\tMachine', query: 'time machine', found: ['Time\n\tMachine'] },
    { text: 'Stra\u00dfe and strasse', query: 'straße', found: ['Stra\u00dfe', 'strasse'] },
    { text: 'The \u00c6neid', query: 'aeneid', found: ['\u00c6neid'] },
    { text: 'aaaa', query: 'aa', found: ['aa', 'aa'] },
    { text: 'said d\u2019Artagnan', query: "d'artagnan", found: ['d\u2019Artagnan'] },
    { text: '\u201cYes,\u201d he said', query: '"yes,"', found: ['\u201cYes,\u201d'] },
    { text: 'nothing here', query: 'absent', found: [] },
    { text: 'anything', query: '   ', found: [] },
    { text: 'emoji 😀 then word', query: '😀 then', found: ['😀 then'] },
  ];
  for (const { text, query, found } of cases)
    it(`"${query}" in "${text}"`, () => {
      expect(findMatches(text, query).map((m) => text.slice(m.start, m.end))).toEqual(found);
    });

  it('folds case, accents and spaces, and maps each folded character back', () => {
    const { folded, origins } = fold('Ça  va');
    expect(folded).toBe('ca va');
    expect(origins).toEqual([0, 1, 2, 4, 5, 6]);
    expect(foldQuery('  Ça ')).toBe('ca');
  });

  it('every match, cut from the text, folds to the query', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 4 }), (text, query) => {
        const needle = foldQuery(query);
        for (const match of findMatches(text, query))
          expect(fold(text.slice(match.start, match.end)).folded.trim()).toBe(needle.trim());
      }),
    );
  });
});

describe('a hit in its context', () => {
  const text =
    'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness.';

  it('keeps whole words either side and says where the text goes on', () => {
    const start = text.indexOf('worst');
    const excerpt = excerptAround(text, start, start + 5, 20);
    expect(excerpt.match).toBe('worst');
    expect(excerpt.before).toBe('…times, it was the ');
    expect(excerpt.after).toBe(' of times, it was…');
  });

  it('has no ellipsis at the ends of the text', () => {
    const excerpt = excerptAround('short text', 0, 5, 60);
    expect(excerpt).toEqual({ before: '', match: 'short', after: ' text' });
  });
});

describe('offsets across joined text nodes', () => {
  const starts = [0, 4, 10];
  it('finds the node and the offset in it', () => {
    expect(locateOffset(starts, 0)).toEqual({ index: 0, offset: 0 });
    expect(locateOffset(starts, 5)).toEqual({ index: 1, offset: 1 });
    expect(locateOffset(starts, 12)).toEqual({ index: 2, offset: 2 });
  });
  it('starts a range in the next node at a boundary, and ends it in the node before', () => {
    expect(locateOffset(starts, 4)).toEqual({ index: 1, offset: 0 });
    expect(locateOffset(starts, 4, true)).toEqual({ index: 0, offset: 4 });
  });
});
