import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countBooks } from '../../agent/folders/count-books';
import { tempDir } from '../support/temp';

describe('countBooks', () => {
  const dir = tempDir('count-books');
  afterAll(() => dir.remove());
  mkdirSync(join(dir.path, 'a', 'b'), { recursive: true });
  for (const name of ['one.epub', 'a/two.pdf', 'a/b/three.cbz', 'a/b/four.cbr', 'notes.txt'])
    writeFileSync(join(dir.path, name), 'x');

  it('counts the book files of every folder, and nothing else', async () => {
    expect(await countBooks(dir.path)).toEqual({ count: 4, more: false });
  });

  it('stops at the limit and says there are more', async () => {
    expect(await countBooks(dir.path, 3)).toEqual({ count: 3, more: true });
  });
});
