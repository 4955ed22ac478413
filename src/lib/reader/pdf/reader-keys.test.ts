import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress } from './reader-keys';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

describe('reader keys', () => {
  const cases: [KeyPress, ReturnType<typeof commandFor>][] = [
    [press('ArrowRight'), 'next'],
    [press('ArrowLeft'), 'previous'],
    [press('PageDown'), 'forward'],
    [press(' '), 'forward'],
    [press(' ', { shiftKey: true }), 'back'],
    [press('PageUp'), 'back'],
    [press('Home'), 'first'],
    [press('End'), 'last'],
    [press('+', { shiftKey: true }), 'zoom-in'],
    [press('='), 'zoom-in'],
    [press('-'), 'zoom-out'],
    // The browser keeps its own zoom and shortcuts.
    [press('+', { ctrlKey: true }), undefined],
    [press('ArrowLeft', { altKey: true }), undefined],
    [press('ArrowRight', { metaKey: true }), undefined],
    [press('a'), undefined],
  ];
  for (const [key, command] of cases) {
    const mods = ['shiftKey', 'ctrlKey', 'metaKey', 'altKey'].filter(
      (m) => key[m as keyof KeyPress],
    );
    it(`${JSON.stringify(key.key)}${mods.length ? ` with ${mods.join('+')}` : ''} → ${command ?? 'the browser'}`, () => {
      expect(commandFor(key, false)).toBe(command);
    });
  }

  it('leaves keys typed into a field alone', () => {
    expect(commandFor(press('ArrowRight'), true)).toBeUndefined();
    expect(commandFor(press('-'), true)).toBeUndefined();
  });
});
