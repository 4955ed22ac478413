import { describe, expect, it } from 'vitest';
import { recentSearchDoc, type RecentSearchDoc } from '../schema/recent-search-doc';
import { prunable, recentBooks, recentFor, recentOrder } from './recent-searches';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));
const doc = (query: string, minute: number, device = 'phone') =>
  recentSearchDoc(query, device, at(minute)) as RecentSearchDoc;

describe('recent searches', () => {
  it('are one document per query, the same id on every device, spaces normalised', () => {
    expect(doc('author:zola  germinal', 0)._id).toBe(doc(' author:zola germinal', 5, 'laptop')._id);
    expect(doc('zola', 0)._id).not.toBe(doc('Zola', 0)._id);
    expect(doc('zola', 0)._id).toMatch(/^search:[0-9a-f]{16}$/);
    expect(recentSearchDoc('   ', 'phone', at(0))).toBeUndefined();
    expect(recentSearchDoc('x'.repeat(301), 'phone', at(0))).toBeUndefined();
  });

  it('are offered latest first, those starting with what is typed before those containing it', () => {
    const recent = recentOrder([
      doc('year:1900..1950', 1),
      doc('author:zola germinal', 2),
      doc('Émile Zola', 3),
      doc('zola', 4),
      doc('wells', 5),
    ]);
    expect(recentFor('', recent, 3).map((r) => r.query)).toEqual(['wells', 'zola', 'Émile Zola']);
    // Accent- and case-blind; the search already typed is not offered again.
    expect(recentFor('ZOLA', recent, 10).map((r) => r.query)).toEqual([
      'Émile Zola',
      'author:zola germinal',
    ]);
    expect(recentFor('emile', recent, 10).map((r) => r.query)).toEqual(['Émile Zola']);
    expect(recentFor('zo', recent, 10).map((r) => r.query)).toEqual([
      'zola',
      'Émile Zola',
      'author:zola germinal',
    ]);
  });

  it('keep the latest of two devices, and prune past the kept number, oldest first', () => {
    const recent = recentOrder([
      doc('zola', 1, 'phone'),
      doc('zola', 9, 'laptop'),
      doc('wells', 5),
    ]);
    expect(recent.map((r) => [r.query, r.at])).toEqual([
      ['zola', at(9).toISOString()],
      ['wells', at(5).toISOString()],
    ]);
    const many = recentOrder(Array.from({ length: 25 }, (_, i) => doc(`q${i}`, i)));
    expect(prunable(many, 20)).toEqual(['q4', 'q3', 'q2', 'q1', 'q0'].map((q) => doc(q, 0)._id));
  });

  it('recent books are the latest opened or read, each once', () => {
    expect(
      recentBooks(
        [
          ['a', at(1).toISOString()],
          ['b', at(3).toISOString()],
          ['a', at(5).toISOString()],
          ['c', ''],
        ],
        10,
      ),
    ).toEqual(['a', 'b']);
  });
});
