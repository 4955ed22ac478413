import type { Identifier } from '../../metadata/types';
import { toIsbn13 } from '../../metadata/isbn';
import { toIso639_1 } from '../../metadata/languages';
import type { MergeCandidate } from '../../merge/sources';
import { authorsNamed, CandidateList, type MapContext } from '../candidates';
import { isoDate } from '../published';
import { cleanText, markdownToText } from '../text';
import type { OlBooksRecord, OlEdition, OlSearchDoc, OlText, OlWork } from './schema';

/**
 * Open Library records → merge candidates. One origin for everything a lookup
 * found ("openlibrary:isbn" when an ISBN led to the record,
 * "openlibrary:search" when a title search did), one confidence per lookup.
 */

/** Subjects past this many are long tails of catalogue headings, not what a book is about. */
const MAX_SUBJECTS = 30;

/** Typed or plain, Markdown or not: the description as plain text. */
export function olTextValue(text: OlText | undefined): string | undefined {
  const raw = typeof text === 'string' ? text : text?.value;
  const clean = cleanText(raw);
  return clean === undefined ? undefined : cleanText(markdownToText(clean));
}

/** "/languages/eng" → "en" (the code as found when the table does not know it). */
const languageOf = (key: string): string => {
  const code = key.split('/').pop() ?? key;
  return toIso639_1(code) ?? code;
};

/** The ISBN-13s of a record, the one asked for first, each once. */
export function isbnIdentifiers(
  first: string | undefined,
  ...lists: (readonly string[] | undefined)[]
): Identifier[] {
  const all = [first, ...lists.flatMap((l) => l ?? [])].flatMap((v) => {
    const isbn = v === undefined ? undefined : toIsbn13(v);
    return isbn ? [isbn] : [];
  });
  return [...new Set(all)].map((value) => ({ scheme: 'isbn', value }));
}

/**
 * A Books API record found by ISBN. Only the ISBN asked for is given as the
 * book's identifier: the record may list other bindings' ISBNs, which are not
 * this file's and would contradict the file's own in the merge.
 */
export function mapBooksRecord(
  record: OlBooksRecord,
  isbn: string,
  context: MapContext,
): MergeCandidate[] {
  return new CandidateList(context)
    .add('title', cleanText(record.title))
    .add('subtitle', cleanText(record.subtitle))
    .add('authors', authorsNamed(record.authors?.map((a) => a.name)))
    .add('identifiers', isbnIdentifiers(isbn))
    .add('publisher', cleanText(record.publishers?.[0]?.name))
    .add('published', isoDate(record.publish_date))
    .add('pageCount', record.number_of_pages)
    .add('subjects', record.subjects?.map((s) => s.name).slice(0, MAX_SUBJECTS)).list;
}

/**
 * An edition record. Editions name their authors by key only, so the names
 * come from what led here (the Books API record, the search hit). `isbn`: the
 * ISBN to give as identifier; without it, the edition's first.
 */
export function mapEdition(
  edition: OlEdition,
  context: MapContext,
  extra: { authors?: readonly string[]; isbn?: string } = {},
): MergeCandidate[] {
  const isbns = extra.isbn
    ? isbnIdentifiers(extra.isbn)
    : isbnIdentifiers(undefined, edition.isbn_13, edition.isbn_10).slice(0, 1);
  return new CandidateList(context)
    .add('title', cleanText(edition.title))
    .add('subtitle', cleanText(edition.subtitle))
    .add('authors', authorsNamed(extra.authors))
    .add('identifiers', isbns)
    .add(
      'languages',
      edition.languages?.map((l) => languageOf(l.key)),
    )
    .add('publisher', cleanText(edition.publishers?.[0]))
    .add('published', isoDate(edition.publish_date))
    .add('pageCount', edition.number_of_pages)
    .add('description', olTextValue(edition.description))
    .add('subjects', edition.subjects?.slice(0, MAX_SUBJECTS)).list;
}

/** A work record: the description and subjects every edition shares. */
export function mapWork(work: OlWork, context: MapContext): MergeCandidate[] {
  return new CandidateList(context)
    .add('description', olTextValue(work.description))
    .add('subjects', work.subjects?.slice(0, MAX_SUBJECTS)).list;
}

/**
 * A search hit (a work). Its ISBN and language lists cover every edition, so
 * they say nothing about this file's and are left out; the year is the
 * work's first publication, not this edition's.
 */
export function mapSearchDoc(doc: OlSearchDoc, context: MapContext): MergeCandidate[] {
  return new CandidateList(context)
    .add('title', cleanText(doc.title))
    .add('subtitle', cleanText(doc.subtitle))
    .add('authors', authorsNamed(doc.author_name))
    .add(
      'firstPublished',
      doc.first_publish_year === undefined ? undefined : String(doc.first_publish_year),
    )
    .add('subjects', doc.subject?.slice(0, MAX_SUBJECTS)).list;
}

/** Cover ids as Open Library lists them; -1 marks a deleted cover. */
export const coverIds = (ids: readonly number[] | undefined): number[] =>
  (ids ?? []).filter((id) => id > 0);
