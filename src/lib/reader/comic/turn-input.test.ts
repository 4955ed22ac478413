import { describe, expect, it } from 'vitest';
import { keyTurn, swipeTurn, tapTurn, type Turn } from './turn-input';

describe('keyTurn', () => {
  const cases: [key: string, shift: boolean, ltr: Turn | undefined, rtl: Turn | undefined][] = [
    ['ArrowRight', false, 'next', 'previous'],
    ['ArrowLeft', false, 'previous', 'next'],
    [' ', false, 'next', 'next'],
    [' ', true, 'previous', 'previous'],
    ['PageDown', false, 'next', 'next'],
    ['PageUp', false, 'previous', 'previous'],
    ['Home', false, 'first', 'first'],
    ['End', false, 'last', 'last'],
    ['a', false, undefined, undefined],
    ['ArrowDown', false, undefined, undefined],
  ];
  for (const [key, shift, ltr, rtl] of cases) {
    it(`${JSON.stringify(key)}${shift ? ' with Shift' : ''}: ${ltr} left to right, ${rtl} right to left`, () => {
      expect(keyTurn(key, shift, false)).toBe(ltr);
      expect(keyTurn(key, shift, true)).toBe(rtl);
    });
  }
});

describe('tapTurn', () => {
  const cases: [x: number, ltr: string, rtl: string][] = [
    [10, 'previous', 'next'],
    [99, 'previous', 'next'],
    [150, 'controls', 'controls'],
    [201, 'next', 'previous'],
    [299, 'next', 'previous'],
  ];
  for (const [x, ltr, rtl] of cases) {
    it(`a tap at ${x} of 300: ${ltr} left to right, ${rtl} right to left`, () => {
      expect(tapTurn(x, 300, false)).toBe(ltr);
      expect(tapTurn(x, 300, true)).toBe(rtl);
    });
  }
});

describe('swipeTurn', () => {
  const cases: [dx: number, dy: number, ltr: Turn | undefined, rtl: Turn | undefined][] = [
    [-120, 10, 'next', 'previous'],
    [120, -10, 'previous', 'next'],
    [-30, 0, undefined, undefined],
    [-80, 100, undefined, undefined],
  ];
  for (const [dx, dy, ltr, rtl] of cases) {
    it(`a swipe of ${dx},${dy}: ${ltr} left to right, ${rtl} right to left`, () => {
      expect(swipeTurn(dx, dy, false)).toBe(ltr);
      expect(swipeTurn(dx, dy, true)).toBe(rtl);
    });
  }
});
