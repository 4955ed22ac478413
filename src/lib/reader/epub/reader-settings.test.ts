import { describe, expect, it } from 'vitest';
import {
  clampToStep,
  DEFAULT_SETTINGS,
  LINE_HEIGHT,
  loadSettings,
  parseSettings,
  saveSettings,
  SETTINGS_KEY,
} from './reader-settings';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('reading settings on this device', () => {
  it('start from the defaults when nothing (or nonsense) is stored', () => {
    expect(loadSettings(memoryStorage())).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: '{not json' }))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('come back as they were saved', () => {
    const storage = memoryStorage();
    const mine = {
      ...DEFAULT_SETTINGS,
      theme: 'sepia' as const,
      fontSize: 130,
      flow: 'scrolled' as const,
    };
    saveSettings(storage, mine);
    expect(loadSettings(storage)).toEqual(mine);
  });

  it('keep the good fields of a damaged record, each bad one falling back alone', () => {
    expect(
      parseSettings({
        theme: 'neon',
        fontSize: 900,
        lineHeight: '2',
        margins: 'wide',
        publisherStyles: false,
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, fontSize: 200, margins: 'wide', publisherStyles: false });
  });

  it('survive a storage that refuses to write', () => {
    const full = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveSettings(full, DEFAULT_SETTINGS)).not.toThrow();
  });

  const steps: [unknown, number][] = [
    [1.3000000000000003, 1.3],
    [1.25, 1.3],
    [0.5, 1.2],
    [9, 2.2],
    [Number.NaN, 1.5],
    ['1.4', 1.5],
  ];
  for (const [value, expected] of steps)
    it(`puts line height ${String(value)} on the grid: ${expected}`, () => {
      expect(clampToStep(value, LINE_HEIGHT, 1.5)).toBe(expected);
    });
});
