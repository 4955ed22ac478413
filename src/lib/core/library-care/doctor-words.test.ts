import { describe, expect, it } from 'vitest';
import type { DoctorReport } from '../api/library-care';
import { findings, repairable } from './doctor-words';

const clean: DoctorReport = {
  checkedAt: '2026-01-01T00:00:00.000Z',
  missingBooks: 0,
  unknownFiles: { count: 0, sample: [] },
  unreadableFolders: [],
  orphanCovers: { count: 0, bytes: 0 },
  openJournal: [],
  notInCatalog: { count: 0, sample: [] },
  notInIndex: { count: 0, sample: [] },
};

describe('doctor findings', () => {
  it('says nothing of a healthy library, and has nothing to repair', () => {
    expect(findings(clean)).toEqual([]);
    expect(repairable(clean)).toBe(false);
  });

  it.each([
    [{ missingBooks: 1 }, /1 book has lost its file/, false],
    [
      { unknownFiles: { count: 2, sample: [] } },
      /2 book files in the library folders are not/,
      true,
    ],
    [{ orphanCovers: { count: 3, bytes: 2048 } }, /3 cover thumbnails \(2 KB\)/, true],
    [
      { openJournal: [{ kind: 'rename', id: 'b', state: 'running' }] },
      /1 rename or tidy-up was/,
      true,
    ],
    [
      { openJournal: [{ kind: 'rename', id: 'b', state: 'interrupted' }] },
      /undo it on the Rename page/,
      false,
    ],
    [{ notInCatalog: { count: 1, sample: [] } }, /1 book is in the file index/, true],
    [{ notInIndex: { count: 4, sample: [] } }, /4 books in the synced catalog have no file/, true],
  ] as const)('words %j', (change, words, canRepair) => {
    const report = { ...clean, ...change } as DoctorReport;
    expect(
      findings(report)
        .map((f) => f.text)
        .join(' '),
    ).toMatch(words);
    expect(repairable(report)).toBe(canRepair);
  });
});
