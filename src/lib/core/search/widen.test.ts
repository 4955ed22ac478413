import { describe, expect, it } from 'vitest';
import { makeDoc } from './doc-factory';
import { SearchIndex } from './search-index';

const index = new SearchIndex();
index.upsert([
  makeDoc({
    id: 'germinal',
    title: 'Germinal',
    authors: ['Émile Zola'],
    year: 1885,
    languages: ['fr'],
  }),
  makeDoc({ id: 'nana', title: 'Nana', authors: ['Émile Zola'], year: 1880, languages: ['fr'] }),
  makeDoc({ id: 'file', title: 'The File on H.', authors: ['Ismail Kadare'], year: 1981 }),
  makeDoc({ id: 'mile', title: 'The Last Mile', authors: ['Ann Other'], year: 1999 }),
  makeDoc({
    id: 'time',
    title: 'The Time Machine',
    authors: ['H. G. Wells'],
    year: 1895,
    format: 'pdf',
  }),
]);

describe('no books match: the searches offered instead', () => {
  it('matches "émile" as Émile, accent or not, and never offers "file" or "mile" for it', () => {
    expect(index.query({ text: 'émile' }).total).toBe(2);
    expect(index.query({ text: 'EMILE' }).total).toBe(2);
    const without = new SearchIndex();
    without.upsert([
      makeDoc({ id: 'file', title: 'The File on H.' }),
      makeDoc({ id: 'mile', title: 'The Last Mile' }),
    ]);
    const result = without.query({ text: 'émile' });
    expect(result.total).toBe(0);
    expect(result.suggestion).toBeUndefined();
    expect(result.widenings ?? []).toEqual([]);
  });

  it('corrects a misspelt word to the nearest catalog word that keeps its first letter', () => {
    const offers = (text: string) =>
      index.query({ text }).widenings?.map((w) => [w.kind, w.text, w.count]);
    expect(offers('kadxre')).toEqual([['spelling', 'kadare', 1]]);
    expect(offers('émilx')).toEqual([['spelling', 'emile', 2]]);
    // Corrected words that still find nothing: the other changes start from them.
    expect(offers('emilee germnal xqzv')?.[0]).toEqual(['drop-term', 'emilee germinal', 1]);
  });

  it('offers dropping a filter, a field term, or a field, each with the books it finds', () => {
    const result = index.query({
      text: 'title:zola',
      filters: { languages: ['fr'], formats: ['pdf'] },
    });
    expect(result.total).toBe(0);
    const offered = result.widenings ?? [];
    // Every offer finds books, and says how many.
    for (const w of offered) {
      expect(index.query({ text: w.text, filters: w.filters }).total, w.label).toBe(w.count);
      expect(w.count).toBeGreaterThan(0);
    }
    // "zola" is an author, not a title, and no PDF: only in every field and without filters.
    expect(offered.map((w) => [w.kind, w.text, w.filters])).toEqual([['anywhere', 'zola', {}]]);
    const both = index.query({ text: 'zola', filters: { languages: ['fr'], formats: ['pdf'] } });
    expect(both.widenings?.map((w) => [w.label, w.count])).toEqual([
      ['Without the format filter', 2],
      ['Without any filter', 2],
    ]);
    const fielded = index.query({ text: 'title:zola' });
    expect(fielded.widenings?.[0]).toMatchObject({
      kind: 'anywhere',
      text: 'zola',
      count: 2,
      label: 'Search “zola” in every field',
    });
  });

  it('with nothing else found, offers the changed words without the filters', () => {
    const result = index.query({ text: 'title:zola', filters: { languages: ['en'] } });
    expect(result.widenings?.map((w) => [w.label, w.text, w.filters, w.count])).toEqual([
      ['Search “zola” in every field, without filters', 'zola', {}, 2],
    ]);
  });

  it('offers each term left out and any of the terms, the one finding most first', () => {
    const result = index.query({ text: 'zola wells year:1880..1890' });
    expect(result.total).toBe(0);
    const offers = result.widenings?.map((w) => [w.text, w.count]);
    expect(offers).toEqual([
      ['zola year:1880..1890', 2],
      ['zola OR wells OR year:1880..1890', 3],
    ]);
    expect(result.widenings?.every((w) => w.count > 0)).toBe(true);
    expect(result.widenings?.length).toBeLessThanOrEqual(4);
  });

  it('offers nothing when a search has books', () => {
    expect(index.query({ text: 'zola' }).widenings).toBeUndefined();
  });
});

describe('books opened recently rank a little higher among equal matches', () => {
  it('breaks ties in relevance by recency, then title, and never lifts a worse match', () => {
    // All three match "zola" the same way (author), Germinal also in its title: it stays first.
    const books = new SearchIndex();
    books.upsert([
      makeDoc({ id: 'assommoir', title: "L'Assommoir", authors: ['Émile Zola'] }),
      makeDoc({ id: 'germinal', title: 'Germinal Zola', authors: ['Émile Zola'] }),
      makeDoc({ id: 'nana', title: 'Nana', authors: ['Émile Zola'] }),
      makeDoc({ id: 'therese', title: 'Thérèse Raquin', authors: ['Émile Zola'] }),
    ]);
    const order = (recent?: string[]) =>
      books.query({
        text: 'zola',
        sort: { key: 'relevance', direction: 'asc' },
        ...(recent ? { recent } : {}),
      }).ids;
    expect(order()).toEqual(['germinal', 'assommoir', 'nana', 'therese']);
    // Nana opened last, Thérèse before: both come before the others of equal score.
    expect(order(['nana', 'therese'])).toEqual(['germinal', 'nana', 'therese', 'assommoir']);
    // The better match is never passed, however recent the others.
    expect(order(['therese', 'assommoir', 'nana'])[0]).toBe('germinal');
    // Ids not in the catalog change nothing.
    expect(order(['book:gone'])).toEqual(order());
    // Other sorts ignore recency.
    const byTitle = (recent: string[]) =>
      books.query({ text: 'zola', sort: { key: 'title', direction: 'asc' }, recent }).ids;
    expect(byTitle(['therese', 'nana'])).toEqual(byTitle([]));
  });
});
