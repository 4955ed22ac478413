import { describe, expect, it } from 'vitest';
import { mapLimit } from './map-limit';

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
