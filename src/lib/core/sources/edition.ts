import { languageKey } from '../metadata/languages';
import { yearCloseness } from './match';

/**
 * Choosing one edition among a work's many: the one most like the file we
 * hold. Language matters most (a French translation's title and description
 * are wrong for an English file), then format (an ebook edition's page
 * count and ISBN belong to an ebook), then the year.
 */

export type EditionFormat = 'ebook' | 'print' | 'audio';

export interface EditionFacts {
  format?: EditionFormat;
  languages?: readonly string[];
  year?: number;
}

export interface EditionWish {
  format?: EditionFormat;
  language?: string;
  year?: number;
}

const WEIGHTS = { language: 0.5, format: 0.3, year: 0.2 } as const;

const EBOOK = /e-?book|electronic|digital|kindle|epub|online|web/i;
const AUDIO = /audio|cassette|\bcd\b|mp3|compact dis[ck]|sound/i;
const PRINT =
  /hardcover|hardback|paperback|softcover|mass market|binding|print|board|library|trade|spiral|leather|cloth/i;

/** An edition's format from a physical_format-like text ("Mass Market Paperback", "eBook"). */
export function formatOf(text: string | undefined): EditionFormat | undefined {
  if (!text) return undefined;
  if (AUDIO.test(text)) return 'audio';
  if (EBOOK.test(text)) return 'ebook';
  if (PRINT.test(text)) return 'print';
  return undefined;
}

function formatScore(want: EditionFormat | undefined, got: EditionFormat | undefined): number {
  if (want === undefined || got === undefined) return 0.5;
  if (want === got) return 1;
  // Print and ebook share text, title and often page count; audio shares little.
  return got === 'audio' || want === 'audio' ? 0 : 0.3;
}

function languageScore(want: string | undefined, got: readonly string[] | undefined): number {
  const key = want === undefined ? undefined : languageKey(want);
  const keys = (got ?? []).map(languageKey).filter((k) => k !== undefined);
  if (key === undefined || keys.length === 0) return 0.5;
  return keys.includes(key) ? 1 : 0;
}

/** How well an edition fits the wish, 0–1; unknowns count half. */
export function editionScore(facts: EditionFacts, wish: EditionWish): number {
  return (
    WEIGHTS.language * languageScore(wish.language, facts.languages) +
    WEIGHTS.format * formatScore(wish.format, facts.format) +
    WEIGHTS.year * yearCloseness(wish.year, facts.year)
  );
}

/** The best-fitting item (the first among equals, so a source's own order breaks ties). */
export function chooseEdition<T>(
  items: readonly T[],
  facts: (item: T) => EditionFacts,
  wish: EditionWish,
): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const item of items) {
    const score = editionScore(facts(item), wish);
    if (score > bestScore) {
      best = item;
      bestScore = score;
    }
  }
  return best;
}
