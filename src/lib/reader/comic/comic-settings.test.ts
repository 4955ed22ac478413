import { describe, expect, it } from 'vitest';
import {
  readDirection,
  readView,
  writeDirection,
  writeView,
  type SettingsStorage,
} from './comic-settings';

function memoryStorage(initial: Record<string, string> = {}): SettingsStorage & {
  entries: Map<string, string>;
} {
  const entries = new Map(Object.entries(initial));
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

describe('comic settings', () => {
  it('gives the defaults when nothing is stored', () => {
    expect(readView(memoryStorage())).toEqual({ fit: 'page', spread: 'auto' });
  });

  it('reads back what was written', () => {
    const storage = memoryStorage();
    writeView(storage, { fit: 'width', spread: 'double' });
    expect(readView(storage)).toEqual({ fit: 'width', spread: 'double' });
  });

  it.each([
    ['not JSON', '{fit'],
    ['not an object', '"width"'],
    ['null', 'null'],
    ['unknown values', '{"fit":"zoom","spread":3}'],
  ])('falls back to the defaults on %s', (_, text) => {
    const storage = memoryStorage({ 'colophon:comic-view': text });
    expect(readView(storage)).toEqual({ fit: 'page', spread: 'auto' });
  });

  it('keeps a known value beside an unknown one', () => {
    const storage = memoryStorage({
      'colophon:comic-view': '{"fit":"height","spread":"sideways"}',
    });
    expect(readView(storage)).toEqual({ fit: 'height', spread: 'auto' });
  });

  it('remembers a direction per book, and forgets it when it is the book’s own again', () => {
    const storage = memoryStorage();
    expect(readDirection(storage, 'a')).toBeUndefined();
    writeDirection(storage, 'a', 'rtl', 'ltr');
    expect(readDirection(storage, 'a')).toBe('rtl');
    expect(readDirection(storage, 'b')).toBeUndefined();
    writeDirection(storage, 'a', 'ltr', 'ltr');
    expect(readDirection(storage, 'a')).toBeUndefined();
    expect(storage.entries.size).toBe(0);
  });

  it('ignores a stored direction it does not know', () => {
    const storage = memoryStorage({ 'colophon:comic-direction:a': 'up' });
    expect(readDirection(storage, 'a')).toBeUndefined();
  });
});
