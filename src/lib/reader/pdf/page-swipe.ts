/** A finger's stroke across the page: how far it went and how long it took. */
export interface Stroke {
  dx: number;
  dy: number;
  ms: number;
}

/** Shorter strokes are taps or jitter; slower ones are someone reading with a finger. */
const MIN_DISTANCE = 40;
const MAX_MS = 800;

/**
 * The page a swipe turns to: right to left is the next page, as a book's
 * leaf; a mostly vertical stroke is a scroll and turns nothing.
 */
export function swipeTurn({ dx, dy, ms }: Stroke): 'next' | 'previous' | undefined {
  if (ms > MAX_MS || Math.abs(dx) < MIN_DISTANCE || Math.abs(dx) < 1.5 * Math.abs(dy)) {
    return undefined;
  }
  return dx < 0 ? 'next' : 'previous';
}
