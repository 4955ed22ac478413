/**
 * What the PDF reader does for a key. `forward` and `back` (Space, Page Down,
 * Page Up) read on: they scroll a page taller than the screen before turning
 * it. The arrows always turn.
 */
export type ReaderCommand =
  'next' | 'previous' | 'forward' | 'back' | 'first' | 'last' | 'zoom-in' | 'zoom-out';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const KEYS: Record<string, ReaderCommand> = {
  ArrowRight: 'next',
  ArrowLeft: 'previous',
  PageDown: 'forward',
  PageUp: 'back',
  ' ': 'forward',
  Home: 'first',
  End: 'last',
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
};

/**
 * The command for a key, or undefined to leave it to the browser: keys with
 * Ctrl, Cmd or Alt (the browser's own zoom, shortcuts, history) and keys typed
 * into a field (`inField`: the page number, the slider, a password).
 */
export function commandFor(press: KeyPress, inField: boolean): ReaderCommand | undefined {
  if (inField || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (press.key === ' ' && press.shiftKey) return 'back';
  return KEYS[press.key];
}
