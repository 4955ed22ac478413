import fc from 'fast-check';

/**
 * Random choices for test cases built step by step (a library to rename, a
 * run of index changes), drawn from fast-check's `fc.gen()`: every draw is
 * recorded, so a failing case shrinks, and the seed fast-check prints replays
 * it (drop the path after its first ":").
 */
export interface Draws {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** `length` bytes. */
  bytes(length: number): Uint8Array;
}

// Unbiased: fast-check favours extremes by default, which would make nearly
// every chance(p) true and every next() zero; the case builders expect even odds.
const uniformInt = (min: number, max: number) => fc.noBias(fc.integer({ min, max }));
const bytesOf = (length: number) =>
  fc.noBias(fc.uint8Array({ minLength: length, maxLength: length }));
const SCALE = 2 ** 32;

export function draws(g: fc.GeneratorValue): Draws {
  const next = () => g(uniformInt, 0, SCALE - 1) / SCALE;
  const int = (min: number, max: number) => g(uniformInt, min, max);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    chance: (p) => next() < p,
    bytes: (length) => g(bytesOf, length),
  };
}
