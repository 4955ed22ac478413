import { mkdirSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StatMany } from '../../agent/scan/stat-many';
import { tempDir } from '../support/temp';

describe('StatMany', () => {
  const dir = tempDir('stat-many');
  afterAll(() => dir.remove());
  const paths = Array.from({ length: 300 }, (_, i) => {
    const path = join(dir.path, `f${i}.epub`);
    writeFileSync(path, 'x'.repeat(i));
    return path;
  });
  mkdirSync(join(dir.path, 'sub'));
  const mixed = [
    paths[3],
    join(dir.path, 'gone.epub'),
    join(dir.path, 'sub'),
    paths[7],
  ] as string[];

  const sizes = (stats: (Stats | Error)[]) =>
    stats.map((s) => (s instanceof Error ? (s as NodeJS.ErrnoException).code : s.size));

  it('stats from the cache synchronously, in order, errors in their place', async () => {
    const many = new StatMany();
    expect(sizes(await many.all(paths))).toEqual(paths.map((_, i) => i));
    expect(sizes(await many.all(mixed))).toEqual([3, 'ENOENT', expect.any(Number), 7]);
    expect(many.async).toBe(false);
  });

  it('after a slow stat, stats asynchronously, with the same answers', async () => {
    const many = new StatMany(-1);
    expect(sizes(await many.all(mixed))).toEqual([3, 'ENOENT', expect.any(Number), 7]);
    expect(many.async).toBe(true);
    expect(sizes(await many.all(paths))).toEqual(paths.map((_, i) => i));
  });
});
