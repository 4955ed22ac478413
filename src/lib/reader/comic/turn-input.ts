/**
 * Which way a key, a tap or a swipe turns the pages. Arrows, taps and swipes
 * follow the reading direction: in a right-to-left book the next page lies
 * to the left, so ArrowLeft, a tap on the left third and a swipe to the
 * right go forward. Space and PageUp/PageDown mean forward and back whatever
 * the direction.
 */

export type Turn = 'next' | 'previous' | 'first' | 'last';

/** The side of the screen the next page lies on. */
function forwardSide(rightToLeft: boolean): 'left' | 'right' {
  return rightToLeft ? 'left' : 'right';
}

export function keyTurn(key: string, shift: boolean, rightToLeft: boolean): Turn | undefined {
  switch (key) {
    case 'ArrowRight':
      return forwardSide(rightToLeft) === 'right' ? 'next' : 'previous';
    case 'ArrowLeft':
      return forwardSide(rightToLeft) === 'left' ? 'next' : 'previous';
    case ' ':
      return shift ? 'previous' : 'next';
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return undefined;
  }
}

/** Space and PageUp/PageDown scroll a page taller than the screen before they turn it. */
export function scrollsFirst(key: string): boolean {
  return key === ' ' || key === 'PageDown' || key === 'PageUp';
}

/** A tap at `x` of a `width`-wide stage: the outer thirds turn, the middle shows or hides the controls. */
export function tapTurn(x: number, width: number, rightToLeft: boolean): Turn | 'controls' {
  const third = width / 3;
  if (x >= third && x <= width - third) return 'controls';
  const side = x < third ? 'left' : 'right';
  return side === forwardSide(rightToLeft) ? 'next' : 'previous';
}

/** A finger must travel this far (CSS pixels), and mostly sideways, for a swipe. */
export const SWIPE_MIN_DISTANCE = 50;

/**
 * A swipe moves the page with the finger: dragging it left brings in what
 * lies to the right (the next page, left to right). Undefined when the
 * movement is too short or mostly vertical (a scroll).
 */
export function swipeTurn(dx: number, dy: number, rightToLeft: boolean): Turn | undefined {
  if (Math.abs(dx) < SWIPE_MIN_DISTANCE || Math.abs(dx) < Math.abs(dy) * 1.5) return undefined;
  const revealed = dx < 0 ? 'right' : 'left';
  return revealed === forwardSide(rightToLeft) ? 'next' : 'previous';
}
