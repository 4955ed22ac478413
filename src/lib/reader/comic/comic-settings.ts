import { z } from 'zod';

/**
 * How the comics reader shows pages, remembered in this browser: the fit and
 * the spread for every comic, and the reading direction per book when the
 * user turned it around (else the book's own, from its ComicInfo).
 */

export const FITS = ['page', 'width', 'height', 'original'] as const;
export type Fit = (typeof FITS)[number];

export const SPREAD_MODES = ['auto', 'single', 'double'] as const;

const viewSchema = z.object({
  fit: z.enum(FITS).catch('page'),
  spread: z.enum(SPREAD_MODES).catch('auto'),
});
export type ComicView = z.infer<typeof viewSchema>;

export type Direction = 'ltr' | 'rtl';

const VIEW_KEY = 'colophon:comic-view';
const directionKey = (book: string) => `colophon:comic-direction:${book}`;

/** The part of localStorage used here, so tests can pass a Map-backed one. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readView(storage: SettingsStorage): ComicView {
  let stored: unknown = {};
  try {
    stored = JSON.parse(storage.getItem(VIEW_KEY) ?? '{}');
  } catch {
    // Not JSON (written by hand, or cut short): the defaults stand in.
  }
  return viewSchema.parse(typeof stored === 'object' && stored !== null ? stored : {});
}

export function writeView(storage: SettingsStorage, view: ComicView): void {
  storage.setItem(VIEW_KEY, JSON.stringify(view));
}

/** The direction the user chose for this book, if they chose one. */
export function readDirection(storage: SettingsStorage, book: string): Direction | undefined {
  const stored = storage.getItem(directionKey(book));
  return stored === 'ltr' || stored === 'rtl' ? stored : undefined;
}

/** Remembers the user's direction for this book; the book's own direction forgets it. */
export function writeDirection(
  storage: SettingsStorage,
  book: string,
  chosen: Direction,
  booksOwn: Direction,
): void {
  if (chosen === booksOwn) storage.removeItem(directionKey(book));
  else storage.setItem(directionKey(book), chosen);
}
