import { mergeCandidate, type MergeCandidate } from '../merge/sources';
import { textKey, titleKey } from '../merge/normalise/text';
import type { BookMetadata, Identifier, MetadataField, Person } from '../metadata/types';
import type { CalibreBook } from './calibre-book';
import { calibreIdentifier } from './calibre-identifiers';

/** What the user curated: believed fully; the source's trust says how far. */
const CURATED = 1;

/** Calibre's "no author"/"no title" placeholder: says nothing about the book. */
const UNKNOWN = 'Unknown';

/**
 * Calibre has no subtitle and joins it to the title ("The Inheritors: An
 * Extravagant Story"), where the book's own OPF has them apart: split back
 * at the first colon, so Calibre's title and the file's agree (and a
 * subtitle is not shown twice).
 */
export function splitTitle(title: string): { title: string; subtitle?: string } {
  const at = title.indexOf(': ');
  const head = at > 0 ? title.slice(0, at).trim() : '';
  const tail = at > 0 ? title.slice(at + 2).trim() : '';
  return head && tail ? { title: head, subtitle: tail } : { title: title.trim() };
}

// A leading article Calibre moved to the end: "Time Machine, The", "Comte de Monte-Cristo, Le".
const MOVED_ARTICLE = /,\s*(\S{1,4})$/u;

// Calibre's default title sort: an English leading article moved to the end.
const LEADING_ARTICLE = /^(the|a|an)\s+(.+)$/i;

/**
 * Calibre's title sort, when it still sorts this title; else the sort
 * Calibre would give the title (`calibredb` changes a title without its
 * sort: "Three Musketeers, The" was left on "Title Corrected In Calibre",
 * and the file's own sort is as stale).
 */
export function titleSort(title: string, sort: string | undefined): string {
  return fittingSort(title, sort) ?? defaultSort(splitTitle(title).title);
}

function defaultSort(title: string): string {
  const match = LEADING_ARTICLE.exec(title.trim());
  return match ? `${match[2]}, ${match[1]}` : title.trim();
}

function fittingSort(title: string, sort: string | undefined): string | undefined {
  if (!sort) return undefined;
  const article = textKey(MOVED_ARTICLE.exec(sort)?.[1] ?? '');
  const key = titleKey(sort.replace(MOVED_ARTICLE, ''));
  let full = titleKey(title);
  if (article && full.startsWith(`${article} `)) full = full.slice(article.length + 1);
  return key !== '' && (full === key || full.startsWith(`${key} `)) ? sort.trim() : undefined;
}

/**
 * A date as Calibre stores it ("2019-12-09 23:34:13.480521+00:00") in ISO
 * 8601; undefined for Calibre's "no date" (the year 101) and for text that is
 * no date.
 */
export function calibreDate(text: string | undefined): string | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text?.trim() ?? '',
    );
  if (!match) return undefined;
  const [, year = '', month, day, time, zone] = match;
  if (Number(year) <= 101) return undefined;
  return `${year}-${month}-${day}T${time}${zone ?? '+00:00'}`;
}

/** Calibre's 0–10 (two per star) as stars out of 5; undefined when unrated. */
export function calibreRating(rating: number | undefined): number | undefined {
  if (rating === undefined || !Number.isFinite(rating) || rating <= 0) return undefined;
  return Math.min(10, rating) / 2;
}

const known = (text: string | undefined): text is string =>
  text !== undefined && text.trim() !== '' && text.trim() !== UNKNOWN;

function authorsOf(book: CalibreBook): Person[] {
  return book.authors
    .filter((a) => known(a.name))
    .map((a) => ({
      name: a.name.trim(),
      ...(a.sort?.trim() ? { sortName: a.sort.trim() } : {}),
      roles: ['aut'],
    }));
}

/**
 * A Calibre book's values as merge candidates of the source "calibre": each
 * field Calibre has a value for, at full confidence (the user curated them).
 * Comments stay HTML: like every description they are sanitised where shown.
 */
export function calibreCandidates(book: CalibreBook): MergeCandidate[] {
  const out: MergeCandidate[] = [];
  const add = <K extends MetadataField>(field: K, value: BookMetadata[K] | undefined) => {
    if (value !== undefined && value !== null)
      out.push(mergeCandidate(field, value, 'calibre', CURATED));
  };
  if (known(book.title)) {
    const { title, subtitle } = splitTitle(book.title);
    add('title', title);
    add('subtitle', subtitle);
    add('sortTitle', titleSort(book.title, book.sort));
  }
  const authors = authorsOf(book);
  if (authors.length > 0) add('authors', authors);
  if (book.series && book.series.name.trim())
    add('series', {
      name: book.series.name.trim(),
      ...(Number.isFinite(book.series.index) ? { number: book.series.index } : {}),
      kind: 'series',
    });
  const tags = book.tags.map((t) => t.trim()).filter(Boolean);
  if (tags.length > 0) add('subjects', tags);
  if (known(book.publisher)) add('publisher', book.publisher.trim());
  add('published', calibreDate(book.pubdate));
  if (book.languages.length > 0) add('languages', book.languages);
  const identifiers = book.identifiers.flatMap((i): Identifier[] => {
    const id = calibreIdentifier(i.type, i.value);
    return id ? [id] : [];
  });
  if (identifiers.length > 0) add('identifiers', identifiers);
  if (book.comments?.trim()) add('description', book.comments.trim());
  add('rating', calibreRating(book.rating));
  return out;
}
