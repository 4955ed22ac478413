import { clean } from '../../metadata/text-values';
import type { BookMetadata, Identifier, SeriesPosition } from '../../metadata/types';
import { gs1CheckDigit, isbnCheckDigitValid } from '../../metadata/isbn';
import { toIso639_1 } from '../../metadata/languages';
import { parseIssue } from './issue-number';

/**
 * Value rules the four comic metadata formats share: issue numbers, dates,
 * languages, identifiers and the turn from metadata into candidates. Each
 * parser reports what it could not use as a warning; none of these throw.
 */

/** What one comic metadata document says. */
export interface ComicMetadata {
  metadata: BookMetadata;
  warnings: string[];
  /** ComicInfo: index, in natural page order, of the page marked FrontCover. */
  frontCoverIndex?: number;
  /** CoMet: the cover image's file name, relative to the CoMet document. */
  coverImage?: string;
}

/** "a, b,,c" → ["a", "b", "c"]: the comma lists ComicInfo uses for names, genres and tags. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '').split(',').flatMap((part) => clean(part) ?? []);
}

export { parseIssueNumber } from './issue-number';

/** A whole number ≥ 0 written in decimal, else undefined. */
export function parseCount(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : undefined;
  const trimmed = text?.trim();
  if (!trimmed || !/^\d{1,9}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/**
 * "YYYY", "YYYY-MM" or "YYYY-MM-DD" from parts; a part that is missing or
 * impossible ends the date there (with a warning when it was given but bad).
 */
export function partialDate(
  parts: { year?: string | number; month?: string | number; day?: string | number },
  label: string,
  warn: (message: string) => void,
): string | undefined {
  const year = parseCount(parts.year);
  if (parts.year === undefined || parts.year === '') return undefined;
  // ComicInfo writes -1 for "not set".
  if (String(parts.year).trim() === '-1') return undefined;
  if (year === undefined || year < 1000 || year > 9999) {
    warn(`${label}: the year "${String(parts.year)}" is not a four-digit year; ignored.`);
    return undefined;
  }
  let date = String(year);
  if (parts.month === undefined || parts.month === '' || String(parts.month).trim() === '-1') {
    return date;
  }
  const month = parseCount(parts.month);
  if (month === undefined || month < 1 || month > 12) {
    warn(`${label}: the month "${String(parts.month)}" is not 1–12; ignored.`);
    return date;
  }
  date += `-${String(month).padStart(2, '0')}`;
  if (parts.day === undefined || parts.day === '' || String(parts.day).trim() === '-1') return date;
  const day = parseCount(parts.day);
  if (day === undefined || day < 1 || day > daysInMonth(year, month)) {
    warn(`${label}: the day "${String(parts.day)}" does not exist in ${date}; ignored.`);
    return date;
  }
  return `${date}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An ISO 8601 date (or its start) as found, when it is one; else undefined. */
export function isoDate(text: string | undefined): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  return partialDate({ year: match[1], month: match[2], day: match[3] }, 'date', () => undefined);
}

/**
 * A language tag as found when it is shaped like one (BCP 47 / ISO 639);
 * language names ("English", which ComicBookInfo uses) become their ISO 639-1
 * code. Anything else is undefined.
 */
export function languageTag(text: string | undefined): string | undefined {
  const value = clean(text);
  if (!value) return undefined;
  if (/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value)) return value;
  return toIso639_1(value);
}

/**
 * The series a comic belongs to, and where its Volume goes. Comics write the
 * run's start year as Volume ("Batman", Volume 2016); manga write a volume
 * number. A start year is part of the series' identity, named the way comic
 * databases name runs ("Batman (2016)"), so Batman (1940) and Batman (2016)
 * stay two series; a name that already ends in its year keeps it once. A
 * volume number is the position when there is no issue number (manga
 * volumes), else a set "Series vol. 2" with the issue.
 *
 * The issue is read by issue-number.ts: its display text ("Annual 1", "#1.MU")
 * is kept on the position so series pages can group annuals, specials,
 * one-shots and variants; only regular issues and variants take a number, so
 * "Annual 1" never reads as a second #1.
 */
export function seriesFields(
  name: string | undefined,
  issueText: string | undefined,
  volume: number | undefined,
  format?: string,
): Pick<BookMetadata, 'series' | 'collections'> {
  if (!name) return {};
  const issue = parseIssue(issueText, format);
  const issueNumber =
    issue && (issue.kind === 'regular' || issue.kind === 'variant') ? issue.number : undefined;
  const isYear = volume !== undefined && volume >= 1000;
  const number = issueNumber ?? (volume !== undefined && !isYear && !issue ? volume : undefined);
  const seriesName = isYear ? withYear(name, volume) : name;
  const series: SeriesPosition = {
    ...position(seriesName, number, 'series'),
    ...(issue && { issue: issue.display }),
  };
  if (volume === undefined || isYear || !issue) return { series };
  return { series, collections: [position(`${name} vol. ${volume}`, issueNumber, 'set')] };
}

/** "Batman" + 2016 → "Batman (2016)"; "Batman (2016)" stays as it is. */
function withYear(name: string, year: number): string {
  return seriesYear(name) === year ? name : `${name} (${year})`;
}

/** The start year a series name ends with: "Batman (2016)" → 2016. */
export function seriesYear(name: string): number | undefined {
  const match = /\((\d{4})\)\s*$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

export function position(
  name: string,
  number: number | undefined,
  kind: SeriesPosition['kind'],
): SeriesPosition {
  return number === undefined ? { name, kind } : { name, number, kind };
}

/** Story arcs and other groupings a comic is part of, as sets; numbers matched by index. */
export function arcSets(
  names: string[],
  numbers: (number | undefined)[],
  group?: SeriesPosition['group'],
): SeriesPosition[] {
  return names.map((name, i) => ({
    ...position(name, numbers[i], 'set'),
    ...(group && { group }),
  }));
}

/** An age rating as written; "Unknown" (ComicInfo's default) and blanks say nothing. */
export function ageRating(text: string | undefined): string | undefined {
  const value = clean(text);
  return value && !/^(unknown|none|n\/?a)$/i.test(value) ? value : undefined;
}

/** The imprint, when it names something besides the publisher itself. */
export function imprint(
  text: string | undefined,
  publisher: string | undefined,
): string | undefined {
  const value = clean(text);
  if (!value) return undefined;
  return publisher && clean(publisher)?.toLowerCase() === value.toLowerCase() ? undefined : value;
}

// ── Identifiers ─────────────────────────────────────────────────────────────

const COMICVINE_TYPES: Record<string, string> = { issue: '4000', volume: '4050' };

/**
 * Identifiers as comic taggers write them: ISBNs (check digit verified),
 * GTIN/UPC/EAN barcodes (check digit verified), `urn:comicvine:issue:145269`
 * and ComicTagger's `CVDB145269` (→ comicvine "4000-145269", the id Comic
 * Vine's API takes), other `urn:<source>:…` (→ other "<source>:…"), and
 * http(s) URLs. Undefined for anything else.
 */
export function comicIdentifier(text: string | undefined): Identifier | undefined {
  const value = clean(text);
  if (!value) return undefined;
  if (/^https?:\/\/\S+$/i.test(value)) return { scheme: 'uri', value };
  const cvdb = /^CVDB(\d+)$/i.exec(value);
  if (cvdb) return { scheme: 'comicvine', value: `4000-${cvdb[1]}` };
  const urn = /^urn:([a-z0-9-]+):(.+)$/i.exec(value);
  if (urn?.[1] && urn[2]) {
    const source = urn[1].toLowerCase();
    const rest = urn[2].trim();
    if (source === 'comicvine') return comicVineId(rest);
    if (source === 'isbn') return barcode(rest, 'isbn');
    if (source === 'upc' || source === 'ean' || source === 'gtin') return barcode(rest, 'gtin');
    return { scheme: 'other', value: `${source}:${rest}` };
  }
  return barcode(value, 'any');
}

function comicVineId(rest: string): Identifier | undefined {
  const typed = /^(issue|volume):(\d+)$/i.exec(rest);
  if (typed?.[1] && typed[2]) {
    return { scheme: 'comicvine', value: `${COMICVINE_TYPES[typed[1].toLowerCase()]}-${typed[2]}` };
  }
  if (/^\d{4}-\d+$/.test(rest)) return { scheme: 'comicvine', value: rest };
  if (/^\d+$/.test(rest)) return { scheme: 'comicvine', value: `4000-${rest}` };
  return undefined;
}

/** The Comic Vine id in a comicvine.gamespot.com URL, when it has one. */
export function comicVineIdFromUrl(url: string): Identifier | undefined {
  const match = /^https?:\/\/(?:www\.)?comicvine(?:\.gamespot)?\.com\/.*?\b(\d{4}-\d+)\/?$/i.exec(
    url,
  );
  return match?.[1] ? { scheme: 'comicvine', value: match[1] } : undefined;
}

/** A valid ISBN → isbn; else a valid GTIN (8, 12, 13 or 14 digits) → gtin. */
function barcode(text: string, want: 'isbn' | 'gtin' | 'any'): Identifier | undefined {
  const digits = text.replace(/[\s-]/g, '').toUpperCase();
  const isbnShaped = /^\d{9}[\dX]$/.test(digits) || /^97[89]\d{10}$/.test(digits);
  if (want !== 'gtin' && isbnShaped && isbnCheckDigitValid(digits)) {
    return { scheme: 'isbn', value: digits };
  }
  if (want !== 'isbn' || /^\d+$/.test(digits)) {
    if (/^(\d{8}|\d{12,14})$/.test(digits) && gtinCheckDigitValid(digits)) {
      return { scheme: 'gtin', value: digits };
    }
  }
  return undefined;
}

/** True when the last digit is the GS1 check digit of the ones before it. */
export function gtinCheckDigitValid(digits: string): boolean {
  return gs1CheckDigit(digits.slice(0, -1)) === digits.slice(-1);
}

/** Identifiers without repeats (same scheme and value). */
export function uniqueIdentifiers(ids: readonly (Identifier | undefined)[]): Identifier[] {
  const kept: Identifier[] = [];
  for (const id of ids) {
    if (id && !kept.some((k) => k.scheme === id.scheme && k.value === id.value)) kept.push(id);
  }
  return kept;
}

// ── Candidates ──────────────────────────────────────────────────────────────
