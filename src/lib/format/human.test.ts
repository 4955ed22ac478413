import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './human';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 KB'],
    [25_000_000, '25 MB'],
    [3_200_000_000, '3.2 GB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [59.6, '1 min 0 s'],
    [125, '2 min 5 s'],
    [7260, '2 h 1 min'],
  ])('%d → %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
