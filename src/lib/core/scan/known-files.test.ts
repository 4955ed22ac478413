import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KnownFiles } from './known-files';

interface Row {
  size: number;
  mtimeMs: number;
  missing?: boolean;
  seenThisRun?: boolean;
}

function knowing(path: string, row: Row | undefined): KnownFiles {
  const known = new KnownFiles();
  if (row) known.add(path, row.size, row.mtimeMs, !!row.missing, !!row.seenThisRun);
  return known;
}

describe('what a scan does with a found file', () => {
  const row: Row = { size: 100, mtimeMs: 5 };
  const file = { size: 100, mtimeMs: 5 };
  it.each([
    ['a new file', undefined, file, 'read'],
    ['the same size and time', row, file, 'unchanged'],
    ['a changed size', row, { size: 101, mtimeMs: 5 }, 'read'],
    ['a changed time', row, { size: 100, mtimeMs: 6 }, 'read'],
    ['a file back after being missing', { ...row, missing: true }, file, 'read'],
    ['an unreadable file, unchanged', row, file, 'unchanged'],
    [
      'a file this run read before the tab closed',
      { ...row, seenThisRun: true },
      file,
      'read-earlier',
    ],
  ] as const)('%s', (_name, known, found, want) => {
    expect(knowing('a.epub', known).meet('a.epub', found.size, found.mtimeMs)).toBe(want);
  });
});

const rowArb = fc.record({
  size: fc.nat(4),
  mtimeMs: fc.nat(4),
  missing: fc.boolean(),
  seenThisRun: fc.boolean(),
});
const pathArb = fc.constantFrom<string>('a', 'b', 'c', 'd/e', 'd/f', 'g');

describe('KnownFiles', () => {
  it('reads exactly the new, changed and returning files; counts the rest', () => {
    fc.assert(
      fc.property(
        fc.dictionary(pathArb, rowArb),
        fc.dictionary(pathArb, fc.record({ size: fc.nat(4), mtimeMs: fc.nat(4) })),
        (index, walk) => {
          const known = new KnownFiles();
          for (const [path, r] of Object.entries(index))
            known.add(path, r.size, r.mtimeMs, r.missing, r.seenThisRun);
          for (const [path, found] of Object.entries(walk)) {
            const r = index[path];
            const verdict = known.meet(path, found.size, found.mtimeMs);
            if (!r || r.missing) expect(verdict).toBe('read');
            else if (r.seenThisRun) expect(verdict).toBe('read-earlier');
            else
              expect(verdict).toBe(
                r.size === found.size && r.mtimeMs === found.mtimeMs ? 'unchanged' : 'read',
              );
          }
        },
      ),
    );
  });

  it('calls missing what the walk did not meet, was not moved away, and was not missing', () => {
    fc.assert(
      fc.property(
        fc.dictionary(pathArb, rowArb),
        fc.uniqueArray(pathArb),
        fc.uniqueArray(pathArb),
        (index, walked, claimed) => {
          const known = new KnownFiles();
          for (const [path, r] of Object.entries(index))
            known.add(path, r.size, r.mtimeMs, r.missing, r.seenThisRun);
          for (const path of walked) known.meet(path, 0, 0);
          for (const path of claimed) known.claim(path);
          const expected = Object.entries(index)
            .filter(([path, r]) => !r.missing && !walked.includes(path) && !claimed.includes(path))
            .map(([path]) => path);
          expect(known.notMet().sort()).toEqual(expected.sort());
          expect(known.size).toBe(Object.keys(index).length);
        },
      ),
    );
  });
});
