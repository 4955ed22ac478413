import { describe, expect, it } from 'vitest';
import { swipeTurn, type Stroke } from './page-swipe';

describe('page swipes', () => {
  const cases: [string, Stroke, ReturnType<typeof swipeTurn>][] = [
    ['right to left turns forward', { dx: -120, dy: 10, ms: 200 }, 'next'],
    ['left to right turns back', { dx: 90, dy: -20, ms: 300 }, 'previous'],
    ['a tap turns nothing', { dx: 5, dy: 3, ms: 80 }, undefined],
    ['a vertical scroll turns nothing', { dx: -60, dy: 200, ms: 250 }, undefined],
    ['a slow drag turns nothing', { dx: -200, dy: 0, ms: 1500 }, undefined],
  ];
  for (const [name, stroke, turn] of cases) {
    it(name, () => expect(swipeTurn(stroke)).toBe(turn));
  }
});
