import { describe, expect, it } from 'vitest';
import type { ReadingState } from '#core/reading/reading-state';
import { percentText, readingLabel } from './reading-label';

const latest = (percentage: number) => ({
  locator: 'page:1',
  percentage,
  device: 'd1',
  deviceName: 'Chrome on Linux',
  at: '2026-01-01T00:00:00.000Z',
});

describe('the reading mark', () => {
  const cases: [Pick<ReadingState, 'status' | 'latest'>, string | undefined][] = [
    [{ status: 'unread' }, undefined],
    [{ status: 'unread', latest: latest(0.5) }, undefined],
    [{ status: 'reading' }, 'Reading'],
    [{ status: 'reading', latest: latest(0.423) }, 'Reading 42%'],
    [{ status: 'finished', latest: latest(0.7) }, 'Finished'],
  ];
  for (const [state, label] of cases)
    it(`${state.status}${state.latest ? ` at ${state.latest.percentage}` : ''} → ${label ?? 'nothing'}`, () => {
      expect(readingLabel(state)).toBe(label);
    });

  it('says 100% only at the very end', () => {
    expect(percentText(0.996)).toBe('99%');
    expect(percentText(1)).toBe('100%');
    expect(percentText(0)).toBe('0%');
  });
});
