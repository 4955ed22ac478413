import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PendingFiles } from '../../agent/scan/pending-files';

describe('PendingFiles', () => {
  it('gives back the files added, in order, with their absolute paths and total bytes', () => {
    const root = '/library/root';
    const pending = new PendingFiles(root);
    const files = [
      { path: join(root, 'b.epub'), rel: 'b.epub', size: 10, mtimeMs: 1_700_000_000_123 },
      { path: join(root, 'a/ü ñ.cbz'), rel: 'a/ü ñ.cbz', size: 2 ** 33, mtimeMs: 5 },
    ];
    for (const file of files) pending.add(file);
    expect(pending.length).toBe(2);
    expect(pending.bytes).toBe(10 + 2 ** 33);
    expect([...pending]).toEqual(files);
    // It can be gone through again (a resumed read starts over the same list).
    expect([...pending]).toEqual(files);
  });

  it('is empty when nothing was added', () => {
    const pending = new PendingFiles('/x');
    expect(pending.length).toBe(0);
    expect(pending.bytes).toBe(0);
    expect([...pending]).toEqual([]);
  });
});
