import { describe, expect, it } from 'vitest';
import { catalogStats } from './stats';

const doc = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  format: 'epub' as const,
  languages: ['en'],
  year: 1895,
  status: 'ok' as const,
  hasCover: true,
  authors: ['H. G. Wells'],
  series: undefined as string | undefined,
  isbns: [] as string[],
  description: undefined as string | undefined,
  addedAt: Number(id),
  ...over,
});

describe('catalogStats', () => {
  it('counts a book grouped with its other formats under each of them, once', () => {
    const stats = catalogStats([doc('1', { otherFormats: ['pdf', 'epub'] }), doc('2')]);
    expect(stats.total).toBe(2);
    expect(stats.byFormat).toEqual([
      { value: 'epub', count: 2 },
      { value: 'pdf', count: 1 },
    ]);
  });

  it('counts formats, languages, decades and statuses, and the share of each piece of metadata', () => {
    const stats = catalogStats([
      doc('1'),
      doc('2', { format: 'pdf', languages: [], year: 1901, hasCover: false, authors: [] }),
      doc('3', {
        series: 'Oz',
        isbns: ['9780261103344'],
        description: 'x',
        status: 'missing',
        year: undefined,
      }),
    ]);
    expect(stats.total).toBe(3);
    expect(stats.byFormat).toEqual([
      { value: 'epub', count: 2 },
      { value: 'pdf', count: 1 },
    ]);
    expect(stats.byLanguage).toEqual([
      { value: 'en', count: 2 },
      { value: 'unknown', count: 1 },
    ]);
    expect(stats.byDecade).toEqual([
      { value: '1890s', count: 1 },
      { value: '1900s', count: 1 },
    ]);
    expect(stats.completeness.cover).toBeCloseTo(2 / 3);
    expect(stats.completeness.series).toBeCloseTo(1 / 3);
    expect(stats.recent).toEqual(['3', '2', '1']);
  });

  it('counts books added per month, with the months between that had none', () => {
    const at = (iso: string) => ({ addedAt: Date.parse(iso) });
    const stats = catalogStats([
      doc('1', at('2025-11-30T23:00:00Z')),
      doc('2', at('2026-02-01T00:00:00Z')),
      doc('3', at('2026-02-20T08:00:00Z')),
    ]);
    expect(stats.addedByMonth).toEqual([
      { value: '2025-11', count: 1 },
      { value: '2025-12', count: 0 },
      { value: '2026-01', count: 0 },
      { value: '2026-02', count: 2 },
    ]);
  });

  it('is all zeros for an empty catalog', () => {
    expect(catalogStats([]).addedByMonth).toEqual([]);
    expect(catalogStats([]).completeness.cover).toBe(0);
  });
});
