import { describe, expect, it } from 'vitest';
import type { ReadingStatus } from '../schema/reading-status-doc';
import { seriesProgress } from './series-progress';

describe('progress through a series', () => {
  const statuses: Record<string, ReadingStatus> = { b1: 'finished', b2: 'reading', b3: 'finished' };
  const statusOf = (id: string) => statuses[id] ?? 'unread';

  it('counts the finished books and goes on with the first one not finished', () => {
    expect(seriesProgress(['b1', 'b2', 'b3', 'b4'], statusOf)).toEqual({
      read: 2,
      total: 4,
      next: 'b2',
    });
    expect(seriesProgress(['b1', 'b4'], statusOf)).toEqual({ read: 1, total: 2, next: 'b4' });
  });

  it('has nothing to go on with once every book is finished', () => {
    expect(seriesProgress(['b1', 'b3'], statusOf)).toEqual({ read: 2, total: 2 });
    expect(seriesProgress([], statusOf)).toEqual({ read: 0, total: 0 });
  });
});
