import { trimChars } from './clean-name';
import { isYearLike } from './dates';
import { looksLikePeople, looksLikeTitle, personScore } from './people';
import { readSeriesRef, type SeriesRef } from './series-ref';

export interface NameOptions {
  /** Comic names: a bare trailing figure is an issue number ("Saga 12"). */
  comic: boolean;
  /** The layout says this name is "Title - Author" (calibre's). */
  authorLast?: boolean;
}

/** One dash-separated part of a name. */
interface Part {
  at: number;
  text: string;
  ref?: SeriesRef;
}

/** A position found among the parts; `at` is the part it came from. */
interface FoundSeries {
  name?: string;
  number: number;
  at: number;
}

interface Roles {
  author?: string;
  title: Part[];
  series?: FoundSeries;
}

/** Which words of a name are the author, the title and the series. */
export interface NameRoles {
  author?: string;
  title?: string;
  series?: { name?: string; number: number };
}

/** Splits a name's words into dash-separated parts and gives each a role (see `assignRoles`). */
export function readRoles(words: readonly string[], options: NameOptions): NameRoles {
  const { author, title, series } = assignRoles(splitParts(words), options);
  const roles: NameRoles = {};
  const titleText = trimChars(title.map((p) => p.text).join(' - '), ',;:');
  if (/[\p{L}\p{N}]/u.test(titleText)) roles.title = titleText;
  if (author !== undefined) roles.author = author;
  if (series)
    roles.series = series.name
      ? { name: series.name, number: series.number }
      : { number: series.number };
  return roles;
}

const DASHES = '-–—';

/**
 * Splits words at free-standing dashes ("Author - Title", "Author -- Title")
 * and dashes hanging off a word ("Author- Title"); "Spider-Man" and "-1" stay.
 */
function splitParts(words: readonly string[]): Part[] {
  const chunks: string[][] = [[]];
  for (const word of words) {
    const negative = /^-\d/.test(word);
    const core = negative ? trimEndDashes(word) : trimChars(word, DASHES);
    if (!negative && DASHES.includes(word.charAt(0))) chunks.push([]);
    if (core !== '') chunks[chunks.length - 1]?.push(core);
    if (core === '' || DASHES.includes(word.charAt(word.length - 1))) chunks.push([]);
  }
  return chunks
    .map((c) => ({ words: c, text: trimChars(c.join(' '), ',;:') }))
    .filter((c) => c.text !== '')
    .map(({ words: c, text }, at) => {
      const ref = readSeriesRef(c);
      return ref ? { at, text, ref } : { at, text };
    });
}

function trimEndDashes(word: string): string {
  let end = word.length;
  while (end > 0 && DASHES.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

/**
 * Gives each part a role. In order:
 * 1. A part with a marked position ("Saga 012", "Dune Book 2", "Mistborn 01")
 *    is the series. In comics the parts before it belong to the series name
 *    ("Hellboy - Seed of Destruction 001"), unless they are one person.
 * 2. Else a part that is only a position ("012", "#3", "Vol. 2") numbers the
 *    part before it as a series ("Saga - 012"), or stands alone for the folders.
 * 3. Of what is left, one part is the title. Of two or more, the author is
 *    the first part ("Author - Title"), unless the last reads more like
 *    people than the first ("The Hobbit - J.R.R. Tolkien", "Good Omens -
 *    Terry Pratchett & Neil Gaiman"; see `personScore`). When the first reads
 *    like a title and the last not like a person, nobody is the author and
 *    all of it is the title. Comic names need a person-like first part for an
 *    author ("Batman - The Killing Joke" has none).
 * 4. Books only: an unmarked figure ("Foundation 2") makes a series when a
 *    title follows, in the first part or right after the author.
 */
function assignRoles(parts: Part[], options: NameOptions): Roles {
  const { comic } = options;
  const named = parts.find((p) => p.ref?.name && (p.ref.marked || comic));
  if (named?.ref) {
    const series = { name: named.ref.name, number: named.ref.number, at: named.at };
    const before = parts.filter((p) => p.at < named.at);
    const [lead] = before;
    // Comic names lead with the series: "Hellboy - Seed of Destruction 001" is one series,
    // unless the part before is a person ("Alan Moore - Watchmen 01").
    if (comic && lead && !(before.length === 1 && looksLikePeople(lead.text))) {
      series.name = [...before.map((p) => p.text), series.name].join(' - ');
      return restRoles(
        parts.filter((p) => p.at > named.at),
        series,
        options,
      );
    }
    return restRoles(without(parts, named.at), series, options);
  }
  const positionAt = parts.findIndex((p, i) => {
    const ref = p.ref;
    if (!ref || ref.name !== '') return false;
    return ref.marked || comic || (i < parts.length - 1 && !isYearLike(ref.number));
  });
  const position = parts[positionAt]?.ref;
  if (position) {
    const before = parts[positionAt - 1];
    if (before && !before.ref && (comic || !looksLikePeople(before.text))) {
      const series = { name: before.text, number: position.number, at: before.at };
      return restRoles(without(parts, before.at, positionAt), series, options);
    }
    return restRoles(
      without(parts, positionAt),
      { number: position.number, at: positionAt },
      options,
    );
  }
  return restRoles(parts, undefined, options);
}

function without(parts: Part[], ...at: number[]): Part[] {
  return parts.filter((p) => !at.includes(p.at));
}

function restRoles(rest: Part[], series: FoundSeries | undefined, options: NameOptions): Roles {
  const { comic, authorLast } = options;
  const [first] = rest;
  const last = rest[rest.length - 1];
  if (!first || !last) return { title: [], series };
  if (rest.length === 1) {
    // "Author - Series 03": a lone part before the series is its author if it reads like one.
    const beforeSeries = series !== undefined && first.at < series.at;
    return beforeSeries && looksLikePeople(first.text)
      ? { author: first.text, title: [], series }
      : { title: [first], series };
  }
  if (authorLast) return { author: last.text, title: rest.slice(0, -1), series };
  const firstSeries = series ? undefined : bareSeries(first, options);
  if (firstSeries) {
    // "Fahrenheit 451 - Ray Bradbury" against "Foundation 2 - Foundation and Empire".
    if (rest.length === 2 && looksLikePeople(last.text)) {
      return { author: last.text, title: [first] };
    }
    return { title: rest.slice(1), series: firstSeries };
  }
  if (personScore(last.text) > personScore(first.text)) {
    return { author: last.text, title: rest.slice(0, -1), series };
  }
  if (looksLikeTitle(first.text) || (comic && !looksLikePeople(first.text))) {
    return { title: rest, series };
  }
  const after = rest.slice(1);
  const second = after[0];
  const secondSeries =
    series || after.length < 2 || !second ? undefined : bareSeries(second, options);
  if (secondSeries) return { author: first.text, title: after.slice(1), series: secondSeries };
  return { author: first.text, title: after, series };
}

/**
 * A book's part ending in an unmarked figure ("Foundation 2"), taken as a
 * series only where a title follows it; a year is never a position.
 */
function bareSeries(part: Part, { comic }: NameOptions): FoundSeries | undefined {
  const ref = part.ref;
  if (comic || !ref?.name || isYearLike(ref.number)) return undefined;
  return { name: ref.name, number: ref.number, at: part.at };
}
