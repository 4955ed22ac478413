import { describe, expect, it } from 'vitest';
import { SearchIndex, type BookQuery } from './search-index';
import { makeDoc } from './doc-factory';
import { authorsText } from './text-fields';

const BOOK = makeDoc({
  id: 'b',
  title: 'The Lord of the Rings',
  subtitle: 'The Fellowship of the Ring',
  authors: ['J. R. R. Tolkien', 'Émile Zola'],
  series: 'Middle-earth',
  description: 'Frodo sets out from the Shire. The Ring must be destroyed; Frodo’s journey begins.',
});

function highlights(q: BookQuery | string) {
  const i = new SearchIndex();
  i.upsert([BOOK]);
  const r = i.query(typeof q === 'string' ? { text: q } : q);
  return r.highlights.b;
}

/** The highlighted pieces of text, which read better than offsets. */
function pieces(q: BookQuery | string): Record<string, string[]> {
  const h = highlights(q) ?? {};
  const texts: Record<string, string> = {
    title: BOOK.title,
    subtitle: BOOK.subtitle ?? '',
    authors: authorsText(BOOK.authors),
    series: BOOK.series ?? '',
    description: BOOK.description ?? '',
  };
  return Object.fromEntries(
    Object.entries(h).map(([field, ranges]) => [
      field,
      ranges.map(([s, e]) => (texts[field] as string).slice(s, e)),
    ]),
  );
}

describe('highlights', () => {
  const cases: [string, Record<string, string[]>][] = [
    ['frodo', { description: ['Frodo', 'Frodo'] }],
    ['rings', { title: ['Rings'] }],
    ['ring', { title: ['Rings'], subtitle: ['Ring'], description: ['Ring'] }],
    ['fello', { subtitle: ['Fellowship'] }],
    ['tolkein', { authors: ['Tolkien'] }],
    ['emile', { authors: ['Émile'] }],
    ['ZOLA', { authors: ['Zola'] }],
    ['author:tolkien rings', { title: ['Rings'], authors: ['Tolkien'] }],
    ['"lord of the rings"', { title: ['Lord of the Rings'] }],
    ['"the ring"', { subtitle: ['the Ring'], description: ['The Ring'] }],
    ['middle*', { series: ['Middle'] }],
    ['/^shir/', { description: ['Shire'] }],
    ['/lord of/', { title: ['Lord of'] }],
    ['frodo -kafka', { description: ['Frodo', 'Frodo'] }],
    ['frodo OR nothingatall', { description: ['Frodo', 'Frodo'] }],
    ['has:series', {}],
  ];
  for (const [text, expected] of cases)
    it(`mark ${JSON.stringify(text)}`, () => expect(pieces(text)).toEqual(expected));

  it('give ranges as [start, end) offsets, authors in the joined text', () => {
    expect(highlights('tolkien zola')).toEqual({
      authors: [
        [9, 16],
        [24, 28],
      ],
    });
    expect(authorsText(BOOK.authors)).toBe('J. R. R. Tolkien, Émile Zola');
  });

  it('merge overlapping matches', () => {
    expect(pieces('"lord of" "of the"')).toEqual({ title: ['Lord of the'], subtitle: ['of the'] });
  });

  it('follow case-sensitive matching', () => {
    expect(pieces({ text: 'The', caseSensitive: true })).toEqual({
      title: ['The'],
      subtitle: ['The'],
      description: ['The'],
    });
  });

  it('are empty for a book the words are not in', () => {
    expect(highlights('nothingatall')).toBeUndefined();
  });
});
