import { describe, expect, it } from 'vitest';
import type { LocalFileRow } from '../store/local-db';
import { classify } from './classify';
import { mapLimit } from './map-limit';
import { ProgressMeter } from './progress-meter';

const row = (over: Partial<LocalFileRow> = {}): LocalFileRow => ({
  folder: 'f',
  path: 'a.epub',
  bookId: 'b1',
  format: 'epub',
  size: 100,
  mtimeMs: 5,
  status: 'ok',
  contentKey: 'k',
  addedAt: 1,
  seenRun: 'old',
  coverState: 'none',
  ...over,
});

describe('classify', () => {
  const file = { size: 100, mtimeMs: 5 };
  it.each([
    ['a new file', undefined, file, 'read'],
    ['the same size and time', row(), file, 'unchanged'],
    ['a changed size', row(), { size: 101, mtimeMs: 5 }, 'read'],
    ['a changed time', row(), { size: 100, mtimeMs: 6 }, 'read'],
    ['a file back after being missing', row({ status: 'missing' }), file, 'read'],
    ['an unreadable file, unchanged', row({ status: 'corrupted' }), file, 'unchanged'],
    ['a file this run read before the tab closed', row({ seenRun: 'run' }), file, 'read-earlier'],
  ] as const)('%s', (_name, known, found, want) => {
    expect(classify(known, found, 'run')).toBe(want);
  });
});

describe('ProgressMeter', () => {
  it('predicts the time left from bytes, and from files when sizes are unknown', () => {
    let now = 0;
    const meter = new ProgressMeter(4, 1000, () => now);
    expect(meter.etaSeconds()).toBeUndefined();
    now = 2000;
    meter.add(250);
    expect(meter.rate()).toBe(0.5);
    expect(meter.etaSeconds()).toBe(6);
    const files = new ProgressMeter(4, 0, () => now);
    now = 3000;
    files.add(0);
    expect(files.etaSeconds()).toBe(3);
  });
});

describe('mapLimit', () => {
  it('stops starting work after a failure, waits for what runs, and rejects with it', async () => {
    const finished: number[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6], 2, async (i) => {
      await new Promise((resolve) => setTimeout(resolve, i === 1 ? 1 : 10));
      if (i === 1) throw new Error('first');
      finished.push(i);
    });
    await expect(run).rejects.toThrow('first');
    expect(finished).toEqual([2]);
  });

  it('keeps at most `limit` in flight and stops starting when told', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    await mapLimit(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (i) => {
        started.push(i);
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
      },
      () => started.length >= 7,
    );
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
