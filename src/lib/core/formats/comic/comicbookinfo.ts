import { compactMetadata } from '../../metadata/candidates';
import { clean, uniqueText } from '../../metadata/text-values';
import { peopleFromCredits, type Credit } from './credits';
import {
  languageTag,
  parseCount,
  partialDate,
  seriesFields,
  splitList,
  type ComicMetadata,
} from './values';

/**
 * ComicBookInfo (ComicBookLover's JSON, kept in the ZIP or RAR archive
 * comment) → BookMetadata: title, series + issue (+ volume, the same Volume
 * rule as ComicInfo), publisher, publicationYear/Month → published, language
 * (a name such as "English" or a code), genre and tags → subjects, comments →
 * description, credits (person + role) → people, pages → pageCount.
 * numberOfIssues, numberOfVolumes, country and rating have no field here.
 *
 * The comment is untrusted: it is size-capped before parsing, read only
 * through own properties, and every field is type-checked; a bad field is
 * skipped with a warning.
 */

/** Archive comments are small (a ZIP's is at most 64 KiB); anything past this is not CBI. */
export const MAX_COMICBOOKINFO_CHARS = 1024 * 1024;

const ROOT_KEY = /^ComicBookInfo\/1(\.\d+)?$/;

type Json = Record<string, unknown>;

/** Undefined when the comment is not ComicBookInfo at all (plain text comments are common). */
export function readComicBookInfo(
  comment: string,
  name = 'The archive comment',
): ComicMetadata | undefined {
  const text = comment.trim();
  if (!text.startsWith('{') || !text.includes('ComicBookInfo/1')) return undefined;
  if (text.length > MAX_COMICBOOKINFO_CHARS) {
    return {
      metadata: {},
      warnings: [`${name} is too large to be ComicBookInfo; it was ignored.`],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      metadata: {},
      warnings: [`${name} holds ComicBookInfo that is not valid JSON (${reason}); it was ignored.`],
    };
  }
  const root = record(parsed);
  const key = root && Object.keys(root).find((k) => ROOT_KEY.test(k));
  const info = root && key ? record(own(root, key)) : undefined;
  if (!info) {
    return {
      metadata: {},
      warnings: [`${name} has no "ComicBookInfo/1.0" object; it was ignored.`],
    };
  }
  return readInfo(info, name);
}

function readInfo(info: Json, name: string): ComicMetadata {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const field = (key: string) => own(info, key);
  const text = (key: string): string | undefined => {
    const value = field(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return clean(value);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    warn(`${name}: "${key}" is not text; it was ignored.`);
    return undefined;
  };
  const languageText = text('language');
  const language = languageTag(languageText);
  if (languageText !== undefined && language === undefined) {
    warn(`${name}: the language "${languageText}" is not recognised; it was ignored.`);
  }
  const pages = parseCount(text('pages'));
  const comments = field('comments');
  const metadata = compactMetadata({
    title: text('title'),
    publisher: text('publisher'),
    published: partialDate(
      { year: text('publicationYear'), month: text('publicationMonth') },
      name,
      warn,
    ),
    languages: language === undefined ? undefined : [language],
    subjects: uniqueText([...splitList(text('genre')), ...stringList(field('tags'))]),
    description: typeof comments === 'string' ? comments.trim() || undefined : undefined,
    ...peopleFromCredits(credits(field('credits'), name, warn)),
    pageCount: pages !== undefined && pages > 0 ? pages : undefined,
    ...seriesFields(text('series'), text('issue'), parseCount(text('volume'))),
  });
  return { metadata, warnings };
}

function credits(value: unknown, name: string, warn: (message: string) => void): Credit[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warn(`${name}: "credits" is not a list; it was ignored.`);
    return [];
  }
  return value.flatMap((item) => {
    const credit = record(item);
    const person = credit && own(credit, 'person');
    const role = credit && own(credit, 'role');
    if (typeof person !== 'string' || !clean(person)) {
      warn(`${name}: a credit without a person's name was ignored.`);
      return [];
    }
    return [{ name: person, role: typeof role === 'string' && clean(role) ? role : 'Other' }];
  });
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (typeof item === 'string' ? (clean(item) ?? []) : []));
}

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** Own properties only: keys like "__proto__" in the JSON must not reach prototypes. */
function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}
