import { describe, expect, it } from 'vitest';
import { mergeCandidate as c } from './sources';
import { defaultSource, type DataSource } from './trust';
import { adjustTrust, revertTrust, TRUST_CEILING, TRUST_FLOOR } from './trust-adjust';

const source = (id: DataSource['id'], patch: Partial<DataSource> = {}): DataSource => ({
  ...defaultSource(id),
  ...patch,
});
const titles = [
  c('title', 'Dune', 'embedded:opf', 0.8),
  c('title', 'dune messiah', 'filename', 0.3),
  c('title', 'DUNE', 'openlibrary', 0.8),
  c('title', 'Dune Messiah', 'googlebooks', 0.6),
  c('subtitle', 'Book One', 'comicvine', 0.6),
];
const all = () => [
  source('user'),
  source('file'),
  source('openlibrary'),
  source('googlebooks'),
  source('comicvine'),
];

describe('adjustTrust', () => {
  it('rewards agreement a little and penalises an override a little more', () => {
    const { sources, changes } = adjustTrust(all(), 'title', 'Dune', titles);
    expect(changes).toEqual([
      { source: 'file', field: 'title', before: 0.7, after: 0.71, reason: 'agreed-with-user' },
      {
        source: 'openlibrary',
        field: 'title',
        before: 0.6,
        after: 0.61,
        reason: 'agreed-with-user',
      },
      {
        source: 'googlebooks',
        field: 'title',
        before: 0.6,
        after: 0.58,
        reason: 'overridden-by-user',
      },
    ]);
    const byId = new Map(sources.map((s) => [s.id, s]));
    expect(byId.get('file')?.stats.accepted).toBe(1);
    expect(byId.get('googlebooks')?.stats.overridden).toBe(1);
    // No value for the field: left alone; the user is never adjusted.
    expect(byId.get('comicvine')).toEqual(source('comicvine'));
    expect(byId.get('user')).toEqual(source('user'));
  });

  it("judges a source by its most confident value (the file's OPF, not its file name)", () => {
    const { changes } = adjustTrust(all(), 'title', 'Dune Messiah', titles);
    expect(changes.find((ch) => ch.source === 'file')?.reason).toBe('overridden-by-user');
  });

  it('stays within the bounds, and never jumps to one', () => {
    const sources = [
      source('file', { trust: TRUST_CEILING }),
      source('openlibrary', { trust: 1 }),
      source('googlebooks', { trust: TRUST_FLOOR + 0.01 }),
    ];
    const { changes } = adjustTrust(sources, 'title', 'Dune', titles);
    expect(changes.map((ch) => [ch.source, ch.after])).toEqual([
      ['file', TRUST_CEILING],
      ['openlibrary', 1],
      ['googlebooks', TRUST_FLOOR],
    ]);
  });

  it('leaves disabled sources and sources without a document alone', () => {
    const { sources, changes } = adjustTrust(
      [source('googlebooks', { enabled: false })],
      'title',
      'Dune',
      titles,
    );
    expect(changes).toEqual([]);
    expect(sources).toEqual([source('googlebooks', { enabled: false })]);
  });

  it('compares identifiers only on the schemes both name', () => {
    const { changes } = adjustTrust(
      all(),
      'identifiers',
      [{ scheme: 'isbn', value: '9780261103344' }],
      [
        c('identifiers', [{ scheme: 'isbn', value: '0261103342' }], 'embedded:opf', 0.8),
        c('identifiers', [{ scheme: 'asin', value: 'B000' }], 'googlebooks', 0.6),
        c('identifiers', [{ scheme: 'isbn', value: '080442957X' }], 'openlibrary', 0.6),
      ],
    );
    expect(changes.map((ch) => [ch.source, ch.reason])).toEqual([
      ['file', 'agreed-with-user'],
      ['openlibrary', 'overridden-by-user'],
    ]);
  });
});

describe('revertTrust', () => {
  it('gives back the sources exactly', () => {
    const before = all();
    const { sources, changes } = adjustTrust(before, 'title', 'Dune', titles);
    expect(revertTrust(sources, changes)).toStrictEqual(before);
  });

  it('keeps a later edit by taking back only the step', () => {
    const { sources, changes } = adjustTrust(all(), 'title', 'Dune', titles);
    const edited = sources.map((s) => (s.id === 'googlebooks' ? { ...s, trust: 0.3 } : s));
    const reverted = revertTrust(edited, changes);
    expect(reverted.find((s) => s.id === 'googlebooks')?.trust).toBe(0.32);
  });
});
