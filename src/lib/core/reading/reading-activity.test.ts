import { describe, expect, it } from 'vitest';
import { readingActivity } from './reading-activity';

const NOW = Date.parse('2026-03-15T12:00:00Z');

describe('readingActivity', () => {
  it('counts books being read and finished, and the finished ones per month of the last months', () => {
    const activity = readingActivity(
      [
        { status: 'reading', activeAt: '2026-03-01T10:00:00Z' },
        { status: 'finished', activeAt: '2026-03-02T10:00:00Z' },
        { status: 'finished', activeAt: '2026-01-31T23:59:00Z' },
        { status: 'finished', activeAt: '2026-01-02T00:00:00Z' },
        // Before the months shown: counted in the total only.
        { status: 'finished', activeAt: '2025-03-31T00:00:00Z' },
        { status: 'unread', activeAt: '' },
      ],
      NOW,
      4,
    );
    expect(activity.reading).toBe(1);
    expect(activity.finished).toBe(4);
    expect(activity.finishedByMonth).toEqual([
      { value: '2025-12', count: 0 },
      { value: '2026-01', count: 2 },
      { value: '2026-02', count: 0 },
      { value: '2026-03', count: 1 },
    ]);
  });

  it('shows twelve empty months when nothing was read', () => {
    const activity = readingActivity([], NOW);
    expect(activity.finishedByMonth).toHaveLength(12);
    expect(activity.finishedByMonth[0]).toEqual({ value: '2025-04', count: 0 });
    expect(activity.finishedByMonth.every((m) => m.count === 0)).toBe(true);
  });
});
