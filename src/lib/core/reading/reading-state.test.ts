import { describe, expect, it } from 'vitest';
import { progressDoc, type ProgressDoc } from '../schema/progress-doc';
import { readingStatusDoc, type ReadingStatus } from '../schema/reading-status-doc';
import { latestPosition, readingState, statusAfterLocation } from './reading-state';

const BOOK = 'book:lib:b1';
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

function position(device: string, minute: number, percentage = 0.5): ProgressDoc {
  return progressDoc({
    book: BOOK,
    locator: `page:${minute}`,
    percentage,
    device,
    deviceName: `Device ${device}`,
    at: at(minute),
  });
}

describe('a book’s reading state', () => {
  it('is unread with nothing written', () => {
    expect(readingState(BOOK, undefined, [])).toEqual({
      book: BOOK,
      status: 'unread',
      activeAt: '',
    });
  });

  it('is being read once a device has a position, and continues from the latest one', () => {
    const state = readingState(BOOK, undefined, [position('a', 5, 0.2), position('b', 9, 0.4)]);
    expect(state.status).toBe('reading');
    expect(state.latest).toMatchObject({ device: 'b', percentage: 0.4, deviceName: 'Device b' });
    expect(state.activeAt).toBe(at(9).toISOString());
  });

  it('takes the status the user set over what the positions suggest', () => {
    const status = readingStatusDoc(BOOK, 'finished', 'a', at(20));
    const state = readingState(BOOK, status, [position('a', 9)]);
    expect(state.status).toBe('finished');
    expect(state.activeAt).toBe(at(20).toISOString());
    expect(readingState(BOOK, readingStatusDoc(BOOK, 'unread', 'a', at(1)), []).status).toBe(
      'unread',
    );
  });

  it('breaks a tie between two positions of the same instant by device id, in any order', () => {
    const a = position('a', 3);
    const b = position('b', 3);
    expect(latestPosition([a, b])?.device).toBe('b');
    expect(latestPosition([b, a])?.device).toBe('b');
    expect(latestPosition([])).toBeUndefined();
  });
});

describe('the status a reader location sets', () => {
  const cases: [ReadingStatus, boolean, ReadingStatus | undefined][] = [
    ['unread', false, 'reading'],
    ['unread', true, 'finished'],
    ['reading', false, undefined],
    ['reading', true, 'finished'],
    ['finished', false, undefined],
    ['finished', true, undefined],
  ];
  for (const [current, atEnd, after] of cases)
    it(`${current}, ${atEnd ? 'at the end' : 'inside'} → ${after ?? 'unchanged'}`, () => {
      expect(statusAfterLocation(current, { atEnd })).toBe(after);
    });
});
