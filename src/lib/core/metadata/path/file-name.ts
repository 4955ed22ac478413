import type { Identifier, Person } from '../types';
import { extractGroups } from './bracket-groups';
import { cleanName, isDotSeparated } from './clean-name';
import { readDate } from './dates';
import { isIsbnLabel, readAsin, readIsbn } from './identifiers';
import { readRoles, type NameOptions } from './part-roles';
import { readAuthors } from './people';
import { readSeriesRef, type SeriesRef } from './series-ref';

/** What one file name says about its book. */
export interface NameGuess {
  title?: string;
  authors?: Person[];
  /** Absent when the name gave only a position ("012", "03 - Title"): the folders may name it. */
  seriesName?: string;
  seriesNumber?: number;
  published?: string;
  identifiers?: Identifier[];
}

/**
 * Reads a file name without its extension. Bracketed groups give the year,
 * identifiers and "(Series #2)"; release tags are dropped. The rest splits at
 * dashes into parts, which take roles as described at `readRoles`.
 */
export function guessFromName(stem: string, options: NameOptions): NameGuess {
  const { bare, groups } = extractGroups(cleanName(stem));
  const guess: NameGuess = {};
  const identifiers: Identifier[] = [];
  let groupSeries: SeriesRef | undefined;
  for (const { text } of groups) {
    guess.published ??= readDate(text);
    for (const word of text.split(' ')) pushIsbn(identifiers, readIsbn(word));
    const asin = readAsin(text);
    if (asin && !identifiers.some((i) => i.value === asin)) {
      identifiers.push({ scheme: 'asin', value: asin });
    }
    groupSeries ??= readGroupSeries(text);
  }

  let words = bare.split(' ').filter((w) => w !== '' && !isIsbnLabel(w));
  words = words.filter((w) => !pushIsbn(identifiers, readIsbn(w)));
  // Scene-style "Some.Title.2019": the trailing figure is the year, not the title's.
  const lastWord = words[words.length - 1];
  if (!options.comic && isDotSeparated(stem) && words.length > 1 && lastWord) {
    const year = readDate(lastWord);
    if (year) {
      guess.published ??= year;
      words = words.slice(0, -1);
    }
  }

  const roles = readRoles(words, options);
  if (roles.title) guess.title = roles.title;
  if (roles.author !== undefined) {
    const authors = readAuthors(roles.author);
    if (authors) guess.authors = authors;
  }
  // A named series beats a bare position; the name's own parts beat its groups.
  const series = [roles.series, groupSeries].find((s) => s?.name) ?? roles.series ?? groupSeries;
  if (series?.name) guess.seriesName = series.name;
  if (series) guess.seriesNumber = series.number;
  if (identifiers.length > 0) guess.identifiers = identifiers;
  return guess;
}

/** Adds an ISBN once; true when the word was one. */
function pushIsbn(identifiers: Identifier[], isbn: string | undefined): boolean {
  if (isbn === undefined) return false;
  if (!identifiers.some((i) => i.value === isbn)) identifiers.push({ scheme: 'isbn', value: isbn });
  return true;
}

/**
 * "(Series #2.5)", "[Series 03]", "(Series, Book 3)", or a marked position
 * alone ("(Book 2)"); never a count like "(of 6)" or "(1 of 6)", nor a year.
 */
function readGroupSeries(text: string): SeriesRef | undefined {
  if (/^(?:\d+ )?of \d+$/i.test(text)) return undefined;
  const ref = readSeriesRef(text.split(' '));
  if (!ref) return undefined;
  return (ref.name && /\p{L}/u.test(ref.name)) || (!ref.name && ref.marked) ? ref : undefined;
}
