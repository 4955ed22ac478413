/**
 * How EPUBs are shown on this device: remembered in localStorage (not
 * synced: a phone and a desktop want different sizes) and applied live.
 */

export type Flow = 'paginated' | 'scrolled';
/** `app` follows the app's own light or dark theme. */
export type ReaderTheme = 'app' | 'light' | 'sepia' | 'dark';
export type Margins = 'narrow' | 'medium' | 'wide';

export interface EpubSettings {
  flow: Flow;
  /** Percent of the book's own size. */
  fontSize: number;
  lineHeight: number;
  margins: Margins;
  theme: ReaderTheme;
  /** Off: the book's stylesheets are switched off and the reader's typography applies. */
  publisherStyles: boolean;
}

export const DEFAULT_SETTINGS: EpubSettings = {
  flow: 'paginated',
  fontSize: 100,
  lineHeight: 1.5,
  margins: 'medium',
  theme: 'app',
  publisherStyles: true,
};

export const FONT_SIZE = { min: 70, max: 200, step: 10 } as const;
export const LINE_HEIGHT = { min: 1.2, max: 2.2, step: 0.1 } as const;
export const FLOWS: readonly Flow[] = ['paginated', 'scrolled'];
export const THEMES: readonly ReaderTheme[] = ['app', 'light', 'sepia', 'dark'];
export const MARGINS: readonly Margins[] = ['narrow', 'medium', 'wide'];

export const SETTINGS_KEY = 'colophon:epub-settings';

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return values.find((v) => v === value) ?? fallback;
}

/** Within bounds and on the step's grid (so 1.2 + 0.1 reads 1.3, not 1.3000000000000003). */
export function clampToStep(
  value: unknown,
  bounds: { min: number; max: number; step: number },
  fallback: number,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const steps = Math.round((value - bounds.min) / bounds.step);
  const snapped = bounds.min + steps * bounds.step;
  return Number(Math.min(bounds.max, Math.max(bounds.min, snapped)).toFixed(2));
}

/** Settings from whatever was stored: each field checked on its own, a bad one falls back alone. */
export function parseSettings(value: unknown): EpubSettings {
  const raw = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS;
  return {
    flow: oneOf(FLOWS, raw.flow, d.flow),
    fontSize: clampToStep(raw.fontSize, FONT_SIZE, d.fontSize),
    lineHeight: clampToStep(raw.lineHeight, LINE_HEIGHT, d.lineHeight),
    margins: oneOf(MARGINS, raw.margins, d.margins),
    theme: oneOf(THEMES, raw.theme, d.theme),
    publisherStyles:
      typeof raw.publisherStyles === 'boolean' ? raw.publisherStyles : d.publisherStyles,
  };
}

export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined): EpubSettings {
  try {
    const text = storage?.getItem(SETTINGS_KEY);
    return parseSettings(text ? JSON.parse(text) : undefined);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(
  storage: Pick<Storage, 'setItem'> | undefined,
  settings: EpubSettings,
): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or refused (private mode): the settings still apply for this visit.
  }
}
