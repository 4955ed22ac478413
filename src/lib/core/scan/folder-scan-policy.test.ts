import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileIndexStore } from './file-index-store';
import { FolderScanPolicy, type FoundFile } from './folder-scan-policy';
import { pickMovedFrom } from './moved-from';
import { emptyScanCounts, resumeCounts } from './scan-counts';

interface Row {
  folder: string;
  path: string;
  bookId: string;
  contentKey: string;
  size: number;
  mtimeMs: number;
  missing: boolean;
  seenRun: string;
}

const RUN = 'run-2';

/** The file index as a list, as either host's store hands it over. */
function memoryStore(rows: Row[]): FileIndexStore<Row> {
  return {
    eachInFolder(folder, visit) {
      for (const r of rows)
        if (r.folder === folder) visit(r.path, r.size, r.mtimeMs, r.missing, r.seenRun);
    },
    bookIds: (folder, paths) =>
      paths.map((p) => rows.find((r) => r.folder === folder && r.path === p)?.bookId),
    withContent: async (key) => rows.filter((r) => r.contentKey === key),
    placeOf: (r) => ({ folder: r.folder, path: r.path }),
  };
}

const row = (path: string, over: Partial<Row> = {}): Row => ({
  folder: 'f',
  path,
  bookId: `book-${path}`,
  contentKey: `key-${path}`,
  size: 10,
  mtimeMs: 1,
  missing: false,
  seenRun: 'run-1',
  ...over,
});
const file = (rel: string, size = 10, mtimeMs = 1): FoundFile => ({ rel, size, mtimeMs });

describe('a folder scan, policy only', () => {
  it('routes found files, counts them, and marks missing what is gone', async () => {
    const rows = [row('same'), row('changed'), row('gone'), row('was-missing', { missing: true })];
    const policy = await FolderScanPolicy.start(memoryStore(rows), 'f', RUN, emptyScanCounts());
    expect(policy.found(file('same'))).toBe('unchanged');
    expect(policy.found(file('changed', 11))).toBe('read');
    expect(policy.found(file('new'))).toBe('read');
    expect(policy.isKnown('changed')).toBe(true);
    expect(policy.isKnown('new')).toBe(false);
    expect(policy.missing()).toEqual(['gone']);
    expect(policy.counts).toMatchObject({ seen: 3, unchanged: 1, missing: 1 });
  });

  it('asks the host before calling a file missing', async () => {
    const policy = await FolderScanPolicy.start(
      memoryStore([row('a'), row('b')]),
      'f',
      RUN,
      emptyScanCounts(),
    );
    expect(policy.missing((path) => path === 'b')).toEqual(['b']);
    expect(policy.counts.missing).toBe(1);
  });

  it('reads again what an earlier sitting read whose document was lost, without counting it twice', async () => {
    const rows = [row('kept', { seenRun: RUN }), row('lost', { seenRun: RUN })];
    const policy = await FolderScanPolicy.start(memoryStore(rows), 'f', RUN, emptyScanCounts());
    expect(policy.found(file('kept'))).toBe('read-earlier');
    expect(policy.found(file('lost'))).toBe('read-earlier');
    const again = await policy.readAgain(async (ids) => ids.map((id) => id === 'book-kept'));
    expect(again.map((f) => f.rel)).toEqual(['lost']);
    expect(policy.isRecovering('lost')).toBe(true);
    policy.counted(file('lost'), { failed: false, moved: false });
    policy.counted(file('new'), { failed: true, moved: false });
    expect(policy.counts).toMatchObject({ read: 0, failed: 1, bytesRead: 10 });
  });

  it('finds a moved file by content, once, and does not call its old place missing', async () => {
    const old = row('old', { contentKey: 'k' });
    const policy = await FolderScanPolicy.start(memoryStore([old]), 'f', RUN, emptyScanCounts());
    policy.found(file('new-a'));
    policy.found(file('new-b'));
    const gone = (r: Row) => r.path === 'old';
    expect(await policy.movedFrom('k', gone)).toBe(old);
    expect(await policy.movedFrom('k', gone)).toBeUndefined();
    expect(await policy.movedFrom(null, gone)).toBeUndefined();
    policy.counted(file('new-a'), { failed: false, moved: true });
    expect(policy.missing()).toEqual([]);
    expect(policy.counts).toMatchObject({ moved: 1, read: 1, missing: 0 });
  });

  it('starts a sitting from what earlier sittings read, walking again from zero', () => {
    const saved = { ...emptyScanCounts(), seen: 9, unchanged: 4, read: 5, moved: 1, covers: 2 };
    expect(resumeCounts(saved)).toEqual({ ...saved, seen: 0, unchanged: 0 });
  });
});

describe('pickMovedFrom', () => {
  it('picks the first candidate that is gone and unclaimed, or none', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gone: fc.boolean(), claimed: fc.boolean() }), { maxLength: 6 }),
        (candidates) => {
          const picked = pickMovedFrom(
            candidates,
            (c) => c.gone,
            (c) => c.claimed,
          );
          const eligible = candidates.filter((c) => c.gone && !c.claimed);
          expect(picked).toBe(eligible[0]);
        },
      ),
    );
  });
});

describe('FolderScanPolicy', () => {
  // A folder's index and a walk of it; the rows with content 'm' are copies of one book, which
  // each new file of the walk may be, moved.
  const indexArb = fc.uniqueArray(
    fc.record({
      path: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      size: fc.nat(2),
      missing: fc.boolean(),
      seen: fc.boolean(),
      moved: fc.boolean(),
    }),
    { selector: (r) => r.path },
  );
  const walkArb = fc.uniqueArray(
    fc.record({ rel: fc.constantFrom('a', 'b', 'c', 'x', 'y', 'z'), size: fc.nat(2) }),
    { selector: (f) => f.rel },
  );

  it('reads, counts and marks missing consistently with the index and the walk', async () => {
    await fc.assert(
      fc.asyncProperty(indexArb, walkArb, async (index, walk) => {
        const rows = index.map((r) =>
          row(r.path, {
            size: r.size,
            missing: r.missing,
            seenRun: r.seen ? RUN : 'run-1',
            contentKey: r.moved ? 'm' : `key-${r.path}`,
          }),
        );
        const policy = await FolderScanPolicy.start(memoryStore(rows), 'f', RUN, emptyScanCounts());
        const walked = new Set<string>(walk.map((f) => f.rel));
        const toRead = walk.filter((f) => policy.found(file(f.rel, f.size)) === 'read');
        // Every new file is read; a new file may be a moved one.
        for (const f of toRead) {
          if (policy.isKnown(f.rel)) continue;
          await policy.movedFrom('m', (r) => !walked.has(r.path));
        }
        const readEarlier = rows.filter(
          (r) => r.seenRun === RUN && !r.missing && walked.has(r.path),
        ).length;
        const newFiles = toRead.filter((f) => !policy.isKnown(f.rel)).length;
        // Each new file claims the next 'm' row that is gone, missing ones included.
        const claimed = rows
          .filter((r) => r.contentKey === 'm' && !walked.has(r.path))
          .slice(0, newFiles);
        const expected = rows
          .filter((r) => !r.missing && !walked.has(r.path) && !claimed.includes(r))
          .map((r) => r.path);
        expect(policy.missing().sort()).toEqual(expected.sort());
        expect(policy.counts).toMatchObject({
          seen: walk.length,
          unchanged: walk.length - toRead.length - readEarlier,
          missing: expected.length,
        });
      }),
    );
  });
});
