import { describe, expect, it } from 'vitest';
import { proposeGroups, workKeys, type Work } from './format-proposals';

const work = (bookId: string, over: Partial<Work>): Work => ({
  bookId,
  title: 'Dune',
  authors: ['Frank Herbert'],
  identifiers: [],
  formats: ['epub'],
  members: [bookId],
  ...over,
});

describe('which books are proposed as formats of one work', () => {
  it('matches a title with its authors however they are written, up to a subtitle', () => {
    expect(workKeys(work('a', { title: 'R.U.R.: Or, Rossum’s Universal Robots' }))).toEqual(
      workKeys(work('b', { title: 'R.U.R.', authors: ['Herbert, Frank'] })),
    );
    expect(workKeys(work('a', { authors: [] }))).toEqual([]);
  });

  it('joins books by a shared ISBN even when their titles differ, and says so', () => {
    const isbn = [{ scheme: 'isbn' as const, value: '9780441013593' }];
    const [proposal, ...rest] = proposeGroups(
      [
        work('a', { identifiers: isbn }),
        work('b', { title: 'Dune (Ace edition)', identifiers: isbn, formats: ['mobi'] }),
        work('c', { title: 'Dune', formats: ['pdf'] }),
      ],
      [],
    );
    expect(rest).toEqual([]);
    expect(proposal?.works.map((w) => w.bookId)).toEqual(['a', 'b', 'c']);
    expect(proposal?.reason).toBe('the same ISBN 9780441013593');
  });

  it('leaves out a set with one format twice, and one an admin kept apart', () => {
    expect(proposeGroups([work('a', {}), work('b', {})], [])).toEqual([]);
    const pair = [work('a', {}), work('b', { formats: ['pdf'] })];
    expect(proposeGroups(pair, [new Set(['a', 'b'])])).toEqual([]);
    // A new format joining brings the proposal back.
    expect(
      proposeGroups([...pair, work('c', { formats: ['mobi'] })], [new Set(['a', 'b'])]),
    ).toHaveLength(1);
    // A group's main brings its formats: an EPUB beside a group holding one is not proposed.
    expect(
      proposeGroups(
        [work('a', { formats: ['epub', 'pdf'], members: ['a', 'p'] }), work('b', {})],
        [],
      ),
    ).toEqual([]);
  });
});

describe('comic issues', () => {
  const issue = (bookId: string, over: Partial<Work>): Work =>
    work(bookId, {
      title: 'The Beginning',
      authors: ['Joe Orlando'],
      formats: ['cbz'],
      issue: { series: 'Captain Science', number: 1, year: 1950 },
      ...over,
    });

  it('are matched by series, issue number and year, not by title and authors', () => {
    const [proposal, ...rest] = proposeGroups(
      [
        issue('cbz', {}),
        // Tagged by another tool: no story title, other credits; the same issue.
        issue('cbr', { title: 'Captain Science #001', authors: [], formats: ['cbr'] }),
        // Another issue with the same story title and writer is not the same book.
        issue('two', { formats: ['cb7'], issue: { series: 'Captain Science', number: 2 } }),
      ],
      [],
    );
    expect(rest).toEqual([]);
    expect(proposal?.works.map((w) => w.bookId)).toEqual(['cbz', 'cbr']);
    expect(proposal?.reason).toBe('the same series and issue');
  });

  it('keeps volumes of other years apart, and never proposes two files of one format', () => {
    const reboot = { series: 'Captain Science', number: 1, year: 2011 };
    expect(
      proposeGroups([issue('a', {}), issue('b', { formats: ['cbr'], issue: reboot })], []),
    ).toEqual([]);
    expect(proposeGroups([issue('a', {}), issue('b', {})], [])).toEqual([]);
  });
});
