import { authorIdentityKey } from '../merge/normalise/authors';
import { seriesNameKey } from '../merge/normalise/series';
import { textKey, titleKey } from '../merge/normalise/text';
import { textSimilarity } from './similarity';

/**
 * Matching without an identifier: how sure we are that a source's record is
 * the book we hold, from 0 to 1.
 *
 * MATCH_THRESHOLD = 0.85. At or above it a match is applied (its values go to
 * the merge); below it the record is only a suggestion the user may accept.
 * Chosen so that, with the weights below:
 * - the same title and author, however spelled (case, accents, "The",
 *   "Nix, Garth" = "Garth Nix", "J.R.R." = "J. R. R."), scores 1;
 * - a subtitle on one side only, or a small typo, still applies (≈ 0.97);
 * - a sequel by the same author ("Dune" / "Dune Messiah") does not (≈ 0.78);
 * - the same title by someone else does not (≈ 0.7);
 * - a title alone is never enough: without an author the score is at most
 *   TITLE_ONLY_CAP, below the threshold ("Emma" is many books).
 */
export const MATCH_THRESHOLD = 0.85;

export const TITLE_WEIGHT = 0.65;
export const AUTHOR_WEIGHT = 0.35;
export const TITLE_ONLY_CAP = 0.8;
/** The score of equal main titles when one side adds a subtitle or a bracketed note. */
const MAIN_TITLE_ONLY = 0.95;

/** The title before a subtitle or a bracketed note: "Sabriel (Old Kingdom #1)" → "Sabriel". */
function mainTitle(title: string): string {
  return title.split(/\s*[:([]|\s+[-–—]\s+/)[0] ?? title;
}

/** Title similarity: equal keys 1, equal main titles 0.95, else word similarity. */
export function titleSimilarity(a: string, b: string): number {
  const ka = titleKey(a);
  const kb = titleKey(b);
  if (ka === '' || kb === '') return 0;
  if (ka === kb) return 1;
  const ma = titleKey(mainTitle(a));
  const main = ma !== '' && ma === titleKey(mainTitle(b)) ? MAIN_TITLE_ONLY : 0;
  return Math.max(main, textSimilarity(ka, kb));
}

/** One name against another: same person 1; same surname, compatible given names 0.9–0.95. */
export function nameSimilarity(a: string, b: string): number {
  const ka = authorIdentityKey(a);
  const kb = authorIdentityKey(b);
  if (ka === kb && ka !== '|') return 1;
  const [surnameA = '', givenA = ''] = ka.split('|');
  const [surnameB = '', givenB = ''] = kb.split('|');
  if (surnameA !== '' && surnameA === surnameB) {
    if (givenA === '' || givenB === '') return 0.9;
    // "G. Nix" and "Garth Nix": initials that fit the names.
    const initials = (given: string) =>
      given
        .split(' ')
        .map((w) => w.charAt(0))
        .join('');
    if (initials(givenA) === initials(givenB)) return 0.95;
  }
  return textSimilarity(textKey(a), textKey(b));
}

/**
 * How well the names found cover the names wanted: each wanted name's best
 * match, averaged. A co-author the query did not name costs nothing.
 */
export function authorSimilarity(wanted: readonly string[], found: readonly string[]): number {
  if (wanted.length === 0 || found.length === 0) return 0;
  const best = wanted.map((w) => Math.max(...found.map((f) => nameSimilarity(w, f))));
  return best.reduce((sum, s) => sum + s, 0) / best.length;
}

export interface BookMatchQuery {
  title: string;
  authors?: readonly string[];
}

export interface BookMatchRecord {
  title: string;
  subtitle?: string;
  authors?: readonly string[];
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The score of a record for a title/author query (see MATCH_THRESHOLD). */
export function bookMatchScore(query: BookMatchQuery, record: BookMatchRecord): number {
  const title = Math.max(
    titleSimilarity(query.title, record.title),
    record.subtitle ? titleSimilarity(query.title, `${record.title}: ${record.subtitle}`) : 0,
  );
  const wanted = query.authors ?? [];
  if (wanted.length === 0) return round(TITLE_ONLY_CAP * title);
  const found = record.authors ?? [];
  // A record without authors neither confirms nor contradicts: half marks.
  const author = found.length === 0 ? 0.5 : authorSimilarity(wanted, found);
  return round(TITLE_WEIGHT * title + AUTHOR_WEIGHT * author);
}

/**
 * How close two years are: within one year counts as the same (cover dates
 * run ahead of sale dates; a reprint's year drifts), then less by a fifth a
 * year. Half marks when either is unknown.
 */
export function yearCloseness(want: number | undefined, got: number | undefined): number {
  if (want === undefined || got === undefined) return 0.5;
  const gap = Math.abs(want - got);
  return gap <= 1 ? 1 : Math.max(0, 1 - (gap - 1) / 5);
}

/** Series names compared as series keys ("The Walking Dead" = "Walking Dead (series)"). */
export function seriesSimilarity(a: string, b: string): number {
  const ka = seriesNameKey(a);
  const kb = seriesNameKey(b);
  if (ka === '' || kb === '') return 0;
  return ka === kb ? 1 : textSimilarity(ka, kb);
}

export interface ComicMatchQuery {
  series: string;
  number?: number;
  year?: number;
}

export interface ComicMatchRecord {
  series: string;
  number?: number;
  year?: number;
}

/**
 * The score of a comic issue: a different issue number is no match at all;
 * otherwise the series name, and the year when the query has one.
 */
export function comicMatchScore(query: ComicMatchQuery, record: ComicMatchRecord): number {
  if (query.number !== undefined && record.number !== query.number) return 0;
  const series = seriesSimilarity(query.series, record.series);
  if (query.year === undefined) return round(series);
  return round(0.75 * series + 0.25 * yearCloseness(query.year, record.year));
}

/** The match a lookup reports: its score and whether its values were applied. */
export interface MatchOutcome {
  score: number;
  applied: boolean;
}

export const matchOutcome = (score: number): MatchOutcome => ({
  score,
  applied: score >= MATCH_THRESHOLD,
});
