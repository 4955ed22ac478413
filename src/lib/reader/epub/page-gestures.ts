/** What a key, a tap or a swipe asks of the reader. */
export type TurnAction = 'next' | 'prev' | 'toggle-controls';

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * The page a key turns to. Arrows follow the book's direction (in a
 * right-to-left book the left arrow goes forward); Space and Page keys go
 * forward or back in reading order. Keys with Ctrl, Alt or Meta are the
 * browser's.
 */
export function keyAction(event: KeyInput, rightToLeft = false): TurnAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
  switch (event.key) {
    case 'ArrowRight':
      return rightToLeft ? 'prev' : 'next';
    case 'ArrowLeft':
      return rightToLeft ? 'next' : 'prev';
    case ' ':
    case 'Spacebar':
      return event.shiftKey ? 'prev' : 'next';
    case 'PageDown':
      return 'next';
    case 'PageUp':
      return 'prev';
    default:
      return undefined;
  }
}

/**
 * Whether a key pressed with focus on `target` is the control's, not the
 * book's: fields take every key (a slider its arrows, radio buttons theirs),
 * buttons and links their Space; anything else is the book's.
 */
export function keyBelongsToControl(target: EventTarget | null, key: string): boolean {
  if (!target || typeof target !== 'object' || !('tagName' in target)) return false;
  const element = target as { tagName: unknown; isContentEditable?: boolean };
  if (typeof element.tagName !== 'string') return false;
  const tag = element.tagName.toLowerCase();
  if (element.isContentEditable) return true;
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  return (key === ' ' || key === 'Spacebar') && ['button', 'a', 'summary'].includes(tag);
}

/** A tap at `x` across a page `width` wide: the outer thirds turn, the middle shows or hides the controls. */
export function tapAction(x: number, width: number, rightToLeft = false): TurnAction {
  const third = width / 3;
  if (x < third) return rightToLeft ? 'next' : 'prev';
  if (x > width - third) return rightToLeft ? 'prev' : 'next';
  return 'toggle-controls';
}

/** How far and how straight a finger must move to be a swipe, not a tap or a scroll. */
export const SWIPE = { minDistance: 40, maxMs: 800 } as const;

/**
 * A horizontal swipe turns the page the way the finger moves (leftwards
 * reveals the next page in a left-to-right book); a mostly vertical or slow
 * movement is not a swipe.
 */
export function swipeAction(
  dx: number,
  dy: number,
  ms: number,
  rightToLeft = false,
): 'next' | 'prev' | undefined {
  if (ms > SWIPE.maxMs || Math.abs(dx) < SWIPE.minDistance || Math.abs(dx) < 1.5 * Math.abs(dy))
    return undefined;
  const forward = dx < 0;
  return forward !== rightToLeft ? 'next' : 'prev';
}
