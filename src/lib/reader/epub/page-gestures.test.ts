import { describe, expect, it } from 'vitest';
import {
  keyAction,
  keyBelongsToControl,
  swipeAction,
  tapAction,
  type KeyInput,
} from './page-gestures';

const key = (k: string, changes: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...changes,
});

describe('keys that turn pages', () => {
  const cases: [KeyInput, boolean, ReturnType<typeof keyAction>][] = [
    [key('ArrowRight'), false, 'next'],
    [key('ArrowLeft'), false, 'prev'],
    [key(' '), false, 'next'],
    [key(' ', { shiftKey: true }), false, 'prev'],
    [key('PageDown'), false, 'next'],
    [key('PageUp'), false, 'prev'],
    [key('ArrowRight'), true, 'prev'],
    [key('ArrowLeft'), true, 'next'],
    [key(' '), true, 'next'],
    [key('ArrowRight', { ctrlKey: true }), false, undefined],
    [key('ArrowLeft', { altKey: true }), false, undefined],
    [key('a'), false, undefined],
  ];
  for (const [input, rtl, expected] of cases)
    it(`${JSON.stringify(input.key)}${input.shiftKey ? ' with Shift' : ''}${input.ctrlKey || input.altKey ? ' with a modifier' : ''}${rtl ? ' (right to left)' : ''}: ${String(expected)}`, () => {
      expect(keyAction(input, rtl)).toBe(expected);
    });

  it('leaves fields their keys, and buttons their Space', () => {
    const el = (tagName: string) => ({ tagName }) as unknown as EventTarget;
    expect(keyBelongsToControl(el('INPUT'), 'ArrowRight')).toBe(true);
    expect(keyBelongsToControl(el('TEXTAREA'), ' ')).toBe(true);
    expect(keyBelongsToControl(el('BUTTON'), ' ')).toBe(true);
    expect(keyBelongsToControl(el('BUTTON'), 'ArrowRight')).toBe(false);
    expect(keyBelongsToControl(el('BODY'), ' ')).toBe(false);
    expect(keyBelongsToControl(null, ' ')).toBe(false);
    const editable = { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget;
    expect(keyBelongsToControl(editable, 'ArrowLeft')).toBe(true);
  });
});

describe('taps and swipes', () => {
  it('turns back on the left third, forward on the right, and shows the controls in the middle', () => {
    expect(tapAction(10, 300)).toBe('prev');
    expect(tapAction(150, 300)).toBe('toggle-controls');
    expect(tapAction(290, 300)).toBe('next');
    expect(tapAction(10, 300, true)).toBe('next');
  });

  it('turns forward when the finger moves left, and ignores slow, short or vertical moves', () => {
    expect(swipeAction(-120, 10, 200)).toBe('next');
    expect(swipeAction(120, -10, 200)).toBe('prev');
    expect(swipeAction(-120, 10, 200, true)).toBe('prev');
    expect(swipeAction(-20, 0, 100)).toBeUndefined();
    expect(swipeAction(-120, 100, 200)).toBeUndefined();
    expect(swipeAction(-120, 0, 2000)).toBeUndefined();
  });
});
