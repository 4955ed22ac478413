import type {
  BookMetadata,
  Identifier,
  IdentifierScheme,
  MetadataField,
  Person,
  SeriesPosition,
} from '../metadata/types';
import { authorIdentityKey, authorSortName, peopleKey } from './normalise/authors';
import { subjectsToGenres } from './normalise/genres';
import { IDENTIFIER_SCHEMES, identifierValue } from './normalise/identifiers';
import { dateKey, dateRefines } from './normalise/dates';
import { languageKey } from '../metadata/languages';
import { seriesKey, seriesNumber, seriesRefines } from './normalise/series';
import { foldText, textKey, titleKey } from './normalise/text';

export type FieldValue<K extends MetadataField> = NonNullable<BookMetadata[K]>;

/** How the values of one field are compared, and how the chosen one is shown. */
export interface FieldKind<V> {
  /** Equal for values that agree; undefined for a value that says nothing usable. */
  key(value: V): string | undefined;
  /** True when `coarse` is a less precise form of `fine` ("1895" of "1895-05-07"). */
  refines?(fine: string, coarse: string): boolean;
  /**
   * The value as the merged record holds it: the source's spelling, with the
   * normal forms the record promises (sort names, ISO 639-1, ISBN-13, decimal
   * positions). `group` holds the values that agree with it, best first; with
   * `lenient` (the user's own value) parts that do not normalise are kept.
   */
  present(value: V, group: readonly V[], lenient: boolean): V;
  /** False for prose, where different wording is no disagreement about facts. */
  conflicts: boolean;
}

const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();
const orUndefined = (key: string): string | undefined => (key === '' ? undefined : key);

function textKind(key: (text: string) => string): FieldKind<string> {
  return { key: (v) => orUndefined(key(v)), present: clean, conflicts: true };
}

// Companies are written with and without their legal form: "Tor Books, Inc." = "Tor Books".
const CORPORATE = / (inc|ltd|llc|gmbh|corp|co|company|publishers?|publishing|group)$/;
export function publisherKey(text: string): string {
  let key = textKey(text);
  for (let last = ''; last !== key;) [last, key] = [key, key.replace(CORPORATE, '')];
  return key;
}

const dateKind: FieldKind<string> = {
  key: dateKey,
  refines: dateRefines,
  present: (v) => v.trim(),
  conflicts: true,
};

function setKey(keys: readonly (string | undefined)[], separator: string): string | undefined {
  const present = [...new Set(keys.filter((k): k is string => k !== undefined))].sort();
  return present.length > 0 ? present.join(separator) : undefined;
}

function unique<T>(values: readonly T[], keyOf: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = keyOf(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const languagesKind: FieldKind<string[]> = {
  key: (v) => setKey(v.map(languageKey), ','),
  present: (v, _group, lenient) =>
    unique(
      v.flatMap((l) => languageKey(l) ?? (lenient && clean(l) ? [clean(l)] : [])),
      (l) => l,
    ),
  conflicts: true,
};

/** People with their sort names: one a source in the group gave, else "Last, First". */
function presentPeople(value: Person[], group: readonly Person[][]): Person[] {
  const given = new Map<string, string>();
  for (const people of group)
    for (const p of people) {
      const sortName = p.sortName ? clean(p.sortName) : '';
      const key = authorIdentityKey(p.name);
      if (sortName && !given.has(key)) given.set(key, sortName);
    }
  return unique(value, (p) => authorIdentityKey(p.name)).map((p) => {
    const name = clean(p.name);
    const sortName = given.get(authorIdentityKey(p.name)) ?? authorSortName(name);
    return { ...p, name, sortName };
  });
}

const peopleKind: FieldKind<Person[]> = {
  key: peopleKey,
  present: presentPeople,
  conflicts: true,
};

/** Identifiers of one scheme (merge votes per scheme; see merge-identifiers.ts). */
const identifiersKind: FieldKind<Identifier[]> = {
  key: (v) => setKey(v.map(identifierValue), ','),
  present: (v, _group, lenient) =>
    unique(
      v.flatMap((id) => {
        const value = identifierValue(id) ?? (lenient ? id.value.trim() : undefined);
        return value ? [{ scheme: id.scheme, value }] : [];
      }),
      (id) => `${id.scheme}:${id.value}`,
    ),
  conflicts: true,
};

const subjectsKind: FieldKind<string[]> = {
  // Lists that name the same genres agree; lists naming none compare as written.
  key: (v) => {
    const genres = subjectsToGenres(v);
    if (genres.length > 0) return genres.join(',');
    const words = setKey(
      v.map((s) => orUndefined(textKey(s))),
      ',',
    );
    return words && `~${words}`;
  },
  present: (v) =>
    unique(
      v.map(clean).filter((s) => s !== ''),
      (s) => foldText(s),
    ),
  conflicts: true,
};

function presentPosition(position: SeriesPosition): SeriesPosition {
  const number = seriesNumber(position.number);
  const { number: _dropped, ...rest } = position;
  return { ...rest, name: clean(position.name), ...(number === undefined ? {} : { number }) };
}

const seriesKind: FieldKind<SeriesPosition> = {
  key: seriesKey,
  refines: seriesRefines,
  present: presentPosition,
  conflicts: true,
};

const collectionsKind: FieldKind<SeriesPosition[]> = {
  key: (v) => setKey(v.map(seriesKey), '|'),
  present: (v) =>
    unique(
      v.filter((p) => seriesKey(p) !== undefined).map(presentPosition),
      (p) => seriesKey(p) ?? '',
    ),
  conflicts: true,
};

const pageCountKind: FieldKind<number> = {
  key: (v) => (Number.isFinite(v) && v > 0 ? String(Math.round(v)) : undefined),
  present: (v) => Math.round(v),
  conflicts: true,
};

/** Ratings agree to the half star; 0 (Calibre's "unrated") says nothing. */
const halfStars = (v: number): number => Math.round(Math.min(5, Math.max(0, v)) * 2) / 2;
const ratingKind: FieldKind<number> = {
  key: (v) => (Number.isFinite(v) && halfStars(v) > 0 ? String(halfStars(v)) : undefined),
  present: halfStars,
  conflicts: true,
};

const descriptionKind: FieldKind<string> = {
  key: (v) => orUndefined(textKey(v.replace(/<[^>]*>/g, ' '))),
  present: (v) => v.trim(),
  conflicts: false,
};

const yearKind: FieldKind<number> = {
  key: (v) => (Number.isInteger(v) && v > 0 ? String(v) : undefined),
  present: (v) => v,
  conflicts: true,
};

/** Every field's kind, in the order merged metadata lists its fields. */
export const FIELD_KINDS: { readonly [K in MetadataField]: FieldKind<FieldValue<K>> } = {
  title: textKind(titleKey),
  subtitle: textKind(textKey),
  sortTitle: textKind(titleKey),
  authors: peopleKind,
  contributors: peopleKind,
  languages: languagesKind,
  identifiers: identifiersKind,
  publisher: textKind(publisherKey),
  imprint: textKind(publisherKey),
  published: dateKind,
  firstPublished: dateKind,
  modified: dateKind,
  description: descriptionKind,
  subjects: subjectsKind,
  ageRating: textKind(textKey),
  series: seriesKind,
  seriesDescription: descriptionKind,
  seriesStartYear: yearKind,
  collections: collectionsKind,
  pageCount: pageCountKind,
  rating: ratingKind,
};

export const FIELDS = Object.keys(FIELD_KINDS) as MetadataField[];

/** Identifiers split by scheme, in IDENTIFIER_SCHEMES order. */
export function byScheme(identifiers: readonly Identifier[]): [IdentifierScheme, Identifier[]][] {
  return IDENTIFIER_SCHEMES.flatMap((scheme) => {
    const ids = identifiers.filter((id) => id.scheme === scheme);
    return ids.length > 0 ? [[scheme, ids] as [IdentifierScheme, Identifier[]]] : [];
  });
}

/** Whether two keys of a kind agree: equal, or one a less precise form of the other. */
export function keysAgree<V>(kind: FieldKind<V>, a: string, b: string): boolean {
  return a === b || (kind.refines?.(a, b) ?? false) || (kind.refines?.(b, a) ?? false);
}

export type Stance = 'agree' | 'disagree' | 'none';

function keyStance<V>(kind: FieldKind<V>, value: V, chosen: V): Stance {
  const a = kind.key(value);
  const b = kind.key(chosen);
  if (a === undefined || b === undefined) return 'none';
  return keysAgree(kind, a, b) ? 'agree' : 'disagree';
}

/**
 * How a value stands to the one chosen: agrees, disagrees, or says nothing
 * about it. Identifiers are compared scheme by scheme, and only on the schemes
 * both name: an ASIN says nothing about an ISBN.
 */
export function stance<K extends MetadataField>(
  field: K,
  value: FieldValue<K>,
  chosen: FieldValue<K>,
): Stance {
  if (field !== 'identifiers') return keyStance(FIELD_KINDS[field], value, chosen);
  const mine = new Map(byScheme(value as Identifier[]));
  let result: Stance = 'none';
  for (const [scheme, ids] of byScheme(chosen as Identifier[])) {
    const theirs = mine.get(scheme);
    if (!theirs) continue;
    const s = keyStance(identifiersKind, theirs, ids);
    if (s === 'disagree') return 'disagree';
    if (s === 'agree') result = 'agree';
  }
  return result;
}
