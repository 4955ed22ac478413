import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draws, type Draws } from '#test-support/draws';
import {
  SearchIndex,
  type BookQuery,
  type FacetName,
  type Filters,
  type SortKey,
} from './search-index';
import { makeDoc } from './doc-factory';
import { containsRun, spansWords, wildcardRegex } from './patterns';
import { fuzzyTier } from './fuzzy';
import { isbnForms } from '../metadata/isbn';
import { languageMatches, languageTag } from './language-match';
import { fold, foldAccents } from '../text/fold';
import { words } from './words';
import type { QueryNode } from './query-ast';
import { parseQuery } from './query-parser';
import type { SearchDoc } from './search-doc';
import {
  fieldValues,
  QUERY_FIELDS,
  SHORT_FIELDS,
  ALL_FIELDS,
  FIELD_COUNT,
  fieldBit,
} from './text-fields';

/*
 * Random upserts and removes (with exports, restores and compactions among
 * them), then queries: the index must answer as a brute-force reference that
 * reads every book on every query. The reference shares only the parser, the
 * word splitting and the typo test with the index; it has no postings, no
 * vocabulary, no columns, no orders.
 */

// ---------- the reference ----------

const has = (d: SearchDoc, what: string): boolean =>
  ({
    cover: d.hasCover,
    series: !!d.series,
    isbn: d.isbns.length > 0,
    author: d.authors.length > 0,
    description: !!d.description,
    subtitle: !!d.subtitle,
    publisher: !!d.publisher,
    year: d.year !== undefined,
    language: d.languages.length > 0,
    tag: d.subjects.length > 0,
  })[what] ?? false;

function fieldsOf(mask: number): number[] {
  return Array.from({ length: FIELD_COUNT }, (_, f) => f).filter((f) => mask & (1 << f));
}

function anyWord(
  d: SearchDoc,
  mask: number,
  test: (word: string, field: number) => boolean,
  keepCase = false,
): boolean {
  return fieldsOf(mask).some((f) =>
    fieldValues(d, f).some((v) => words(v, keepCase).some((w) => test(w, f))),
  );
}

function matches(d: SearchDoc, node: QueryNode, cs: boolean): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((c) => matches(d, c, cs));
    case 'or':
      return node.children.some((c) => matches(d, c, cs));
    case 'not':
      return !matches(d, node.child, cs);
    case 'word': {
      const mask = node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS;
      const t = fold(node.text);
      const short = (f: number) => (SHORT_FIELDS & (1 << f)) !== 0;
      const found = anyWord(
        d,
        mask,
        (w, f) =>
          w === t ||
          (short(f) && ((t.length >= 2 && w.startsWith(t)) || (!cs && !!fuzzyTier(t, w)))),
      );
      if (!found || !cs) return found;
      const c = foldAccents(node.text);
      return anyWord(
        d,
        mask,
        (w, f) => w === c || (short(f) && c.length >= 2 && w.startsWith(c)),
        true,
      );
    }
    case 'phrase': {
      const mask = node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS;
      const wanted = cs ? node.words.map(foldAccents) : node.words.map((w) => fold(w));
      return fieldsOf(mask).some((f) =>
        fieldValues(d, f).some((v) => containsRun(words(v, cs), wanted)),
      );
    }
    case 'wildcard': {
      const mask = node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS;
      const re = wildcardRegex(fold(node.pattern), '');
      const found = anyWord(d, mask, (w) => re.test(w));
      if (!found || !cs) return found;
      const cased = wildcardRegex(foldAccents(node.pattern), '');
      return anyWord(d, mask, (w) => cased.test(w), true);
    }
    case 'regex': {
      const u = node.unicode ? 'u' : '';
      const pattern = foldAccents(node.source);
      const exact = new RegExp(pattern, cs ? u : u + 'i');
      if (spansWords(node.source)) {
        const mask = node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS & ~fieldBit('description');
        return fieldsOf(mask).some((f) =>
          fieldValues(d, f).some((v) => exact.test(foldAccents(v))),
        );
      }
      const mask = node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS;
      const insensitive = new RegExp(pattern, u + 'i');
      const found = anyWord(d, mask, (w) => insensitive.test(w));
      return found && (!cs || anyWord(d, mask, (w) => exact.test(w), true));
    }
    case 'value': {
      if (node.field === 'isbn') {
        const forms = d.isbns.flatMap(isbnForms);
        if (node.value.includes('*'))
          return forms.some((f) => wildcardRegex(node.value, '').test(f));
        return isbnForms(node.value).some((f) => forms.includes(f));
      }
      const asked = node.field === 'language' ? languageTag(node.value) : node.value.toLowerCase();
      const values =
        node.field === 'language' ? d.languages : [node.field === 'format' ? d.format : d.status];
      const re = asked.includes('*') ? wildcardRegex(asked, 'i') : undefined;
      return values.some((v) => {
        const l = v.toLowerCase();
        return re
          ? re.test(l)
          : node.field === 'language'
            ? languageMatches(l, asked)
            : l === asked;
      });
    }
    case 'range': {
      const v = node.field === 'year' ? d.year : d.size;
      return v !== undefined && v >= node.min && v <= node.max;
    }
    case 'has':
      return has(d, node.what);
  }
}

const FILTER_FACET: [keyof Filters, FacetName | undefined][] = [
  ['formats', 'format'],
  ['languages', 'language'],
  ['subjects', 'subject'],
  ['genres', 'genre'],
  ['publishers', 'publisher'],
  ['statuses', 'status'],
  ['hasCover', 'hasCover'],
  ['hasSeries', 'hasSeries'],
  ['year', 'decade'],
  ['size', undefined],
  ['completeness', undefined],
];

function passes(d: SearchDoc, filters: Filters, key: keyof Filters): boolean {
  const inRange = (v: number | undefined, r: { min?: number; max?: number }) =>
    v !== undefined && v >= (r.min ?? -Infinity) && v <= (r.max ?? Infinity);
  const oneOf = (values: string[] | undefined, have: string[]) =>
    !values?.length || have.some((h) => values.some((v) => fold(v.trim()) === fold(h.trim())));
  switch (key) {
    case 'formats':
      return oneOf(filters.formats, [d.format]);
    case 'languages':
      return oneOf(filters.languages, d.languages);
    case 'subjects':
      return oneOf(filters.subjects, d.subjects);
    case 'genres':
      return oneOf(filters.genres, d.genres);
    case 'publishers':
      return oneOf(filters.publishers, d.publisher ? [d.publisher] : []);
    case 'statuses':
      return oneOf(filters.statuses, [d.status]);
    case 'hasCover':
      return filters.hasCover === undefined || filters.hasCover === d.hasCover;
    case 'hasSeries':
      return filters.hasSeries === undefined || filters.hasSeries === !!d.series;
    case 'year':
      return (
        !filters.year ||
        (filters.year.min === undefined && filters.year.max === undefined) ||
        inRange(d.year, filters.year)
      );
    case 'size':
      return !filters.size || inRange(d.size, filters.size);
    case 'completeness':
      return !filters.completeness || inRange(d.completeness, filters.completeness);
  }
}

function facetValuesOf(d: SearchDoc, facet: FacetName): string[] {
  switch (facet) {
    case 'format':
      return [d.format];
    case 'language':
      return [...new Set(d.languages)];
    case 'subject':
      return [...new Set(d.subjects)];
    case 'genre':
      return [...new Set(d.genres)];
    case 'publisher':
      return d.publisher ? [d.publisher] : [];
    case 'status':
      return [d.status];
    case 'hasCover':
      return [String(d.hasCover)];
    case 'hasSeries':
      return [String(!!d.series)];
    case 'decade':
      return d.year === undefined ? [] : [`${Math.floor(d.year / 10) * 10}s`];
  }
}

function compareDocs(
  key: Exclude<SortKey, 'relevance'>,
  direction: 'asc' | 'desc',
): (a: SearchDoc, b: SearchDoc) => number {
  const sign = direction === 'asc' ? 1 : -1;
  const byTitle = (a: SearchDoc, b: SearchDoc) =>
    a.titleKey < b.titleKey
      ? -1
      : a.titleKey > b.titleKey
        ? 1
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0;
  if (key === 'title') return (a, b) => sign * byTitle(a, b);
  const value = (d: SearchDoc): [string | number | undefined, number | undefined] => {
    switch (key) {
      case 'author':
        return [d.authorKey || undefined, undefined];
      case 'series':
        return [d.series ? seriesSortKey(d.series) : undefined, d.seriesNumber];
      case 'year':
        return [d.year, undefined];
      case 'added':
        return [d.addedAt, undefined];
      case 'size':
        return [d.size, undefined];
    }
  };
  const cmp = (x: string | number | undefined, y: string | number | undefined) =>
    x === y ? 0 : x === undefined ? 1 : y === undefined ? -1 : x < y ? -sign : sign;
  return (a, b) => {
    const [pa, sa] = value(a);
    const [pb, sb] = value(b);
    return cmp(pa, pb) || (pa !== undefined ? cmp(sa, sb) : 0) || byTitle(a, b);
  };
}

/** How series names compare: as titles (case, accents, punctuation and a leading article ignored). */
function seriesSortKey(name: string): string {
  return makeDoc({ id: '', title: name }).titleKey;
}

interface Expected {
  total: number;
  ids: string[];
  facets?: Record<string, Record<string, number>>;
}

function reference(docs: readonly SearchDoc[], q: BookQuery): Expected {
  const text = q.text?.trim() ?? '';
  const parsed = text ? parseQuery(text) : undefined;
  if (parsed && !parsed.ok) return { total: 0, ids: [] };
  const node = parsed?.ok ? parsed.query : undefined;
  const cs = q.caseSensitive === true;
  const textMatches = docs.filter((d) => !node || matches(d, node, cs));
  const filters = q.filters ?? {};
  const all = (d: SearchDoc, except?: FacetName) =>
    FILTER_FACET.every(
      ([key, facet]) => (except !== undefined && facet === except) || passes(d, filters, key),
    );
  const result = textMatches.filter((d) => all(d));
  const key = q.sort?.key ?? 'relevance';
  const sorted =
    key === 'relevance'
      ? [...result].sort((a, b) => (a.id < b.id ? -1 : 1))
      : [...result].sort(compareDocs(key, q.sort?.direction ?? 'asc'));
  const expected: Expected = { total: result.length, ids: sorted.map((d) => d.id) };
  if (q.facets) {
    expected.facets = {};
    for (const facet of [
      'format',
      'language',
      'subject',
      'genre',
      'publisher',
      'status',
      'hasCover',
      'hasSeries',
      'decade',
    ] as const) {
      const counts: Record<string, number> = {};
      for (const d of textMatches)
        if (all(d, facet))
          for (const v of facetValuesOf(d, facet)) counts[v] = (counts[v] ?? 0) + 1;
      expected.facets[facet] = counts;
    }
  }
  return expected;
}

// ---------- random catalogs and queries ----------

/** A few of the items, repeats allowed: from none up to max. */
const some = <T>(r: Draws, items: readonly T[], max: number): T[] =>
  Array.from({ length: r.int(0, max) }, () => r.pick(items));

const WORDS = [
  'dune',
  'dragon',
  'dragoon',
  'dragonfly',
  'night',
  'nights',
  'Émile',
  'the',
  'of',
  'House',
  'hous',
  'tolkien',
  'tolkein',
  'Zola',
  'ZOLA',
  'sea',
  'star',
  'stars',
  'l’été',
];
const NAMES = [
  'Émile Zola',
  'J. R. R. Tolkien',
  'Frank Herbert',
  'Ursula K. Le Guin',
  'Kafka',
  'zola émile',
];
const SUBJECTS = [
  'Fantasy',
  'History',
  'Science Fiction',
  'Poetry',
  'Detective and mystery stories',
];
const GENRE_NAMES = ['Fantasy', 'History', 'Mystery & Detective', 'Poetry', 'Science Fiction'];
const PUBLISHERS = ['Tor', 'Penguin Books', 'Gallimard'];
const ISBNS = ['9780261102217', '0261102214', '9783596294312', '9780140449136'];

function randomDoc(r: Draws, id: string): SearchDoc {
  const series = r.next() < 0.5 ? r.pick(['The Saga', 'Night Watch', 'saga']) : undefined;
  return makeDoc({
    id,
    title: some(r, WORDS, 3).join(' ') || 'untitled',
    ...(r.next() < 0.3 ? { subtitle: some(r, WORDS, 2).join(' ') } : {}),
    authors: some(r, NAMES, 2),
    ...(series ? { series } : {}),
    ...(series && r.next() < 0.8 ? { seriesNumber: r.pick([-1, 0, 1, 1.5, 2, 10]) } : {}),
    ...(r.next() < 0.5 ? { publisher: r.pick(PUBLISHERS) } : {}),
    ...(r.next() < 0.5 ? { description: some(r, WORDS, 6).join(' ') } : {}),
    subjects: some(r, SUBJECTS, 2),
    languages: some(r, ['en', 'fr', 'de', 'en-gb'], 2),
    format: r.pick(['epub', 'pdf', 'cbz', 'mobi'] as const),
    isbns: some(r, ISBNS, 1),
    ...(r.next() < 0.8 ? { year: r.pick([1877, 1925, 1937, 1954, 1999, 2001]) } : {}),
    size: r.pick([5e5, 2e6, 5e6, 5.2e6, 8e7]),
    addedAt: r.int(0, 4),
    hasCover: r.next() < 0.6,
    status: r.pick(['ok', 'ok', 'missing'] as const),
  });
}

const TEXTS = [
  '',
  'dune',
  'drag',
  'dragon',
  'dragn',
  'zola',
  'Zola',
  'emile',
  'the night',
  '"the night"',
  '"of the"',
  'night OR zola',
  '-dune',
  'dune -zola',
  'author:zola',
  'author:"le guin"',
  'title:night*',
  'tol*ien',
  '*ight',
  '/^dr/',
  '/the n/',
  '/ete$/',
  'series:saga',
  'tag:fiction',
  'genre:mystery',
  'genre:"science fiction"',
  'description:stars',
  'publisher:penguin',
  'language:en',
  'lang:french',
  'format:pdf',
  'format:*b*',
  'status:missing',
  'isbn:0261102214',
  'isbn:9783*',
  'year:1900..1950',
  'year:>=1999',
  'size:>5MB',
  'size:5MB',
  'has:cover -has:series',
  '-has:isbn OR has:subtitle',
  '(dune | house) year:>1900',
  'NOT (tolkien OR zola) the',
  'house hous',
  'été',
];

function randomQuery(r: Draws): BookQuery {
  const q: BookQuery = { text: r.pick(TEXTS), limit: 1000 };
  if (r.next() < 0.2) q.caseSensitive = true;
  if (r.next() < 0.5) q.facets = true;
  if (r.next() < 0.5) {
    const filters: Filters = {};
    if (r.next() < 0.3) filters.formats = some(r, ['epub', 'pdf', 'cbz'], 2);
    if (r.next() < 0.3) filters.languages = some(r, ['en', 'fr', 'de'], 2);
    if (r.next() < 0.3) filters.subjects = some(r, SUBJECTS, 2);
    if (r.next() < 0.3) filters.genres = some(r, GENRE_NAMES, 2);
    if (r.next() < 0.2) filters.publishers = some(r, PUBLISHERS, 1);
    if (r.next() < 0.2) filters.statuses = ['ok'];
    if (r.next() < 0.2) filters.hasCover = r.next() < 0.5;
    if (r.next() < 0.2) filters.hasSeries = r.next() < 0.5;
    if (r.next() < 0.2) filters.year = { min: 1900, max: 1999 };
    if (r.next() < 0.2) filters.size = { max: 5e6 };
    if (r.next() < 0.2) filters.completeness = { min: 0.4 };
    q.filters = filters;
  }
  if (r.next() < 0.6) {
    q.sort = {
      key: r.pick(['title', 'author', 'series', 'added', 'year', 'size'] as const),
      direction: r.pick(['asc', 'desc'] as const),
    };
  }
  return q;
}

function check(index: SearchIndex, docs: Map<string, SearchDoc>, q: BookQuery): void {
  const actual = index.query(q);
  const expected = reference([...docs.values()], q);
  const label = JSON.stringify(q);
  expect(actual.total, label).toBe(expected.total);
  const relevance = !q.sort;
  expect(relevance ? [...actual.ids].sort() : actual.ids, label).toEqual(expected.ids);
  if (expected.facets) {
    const got = Object.fromEntries(
      Object.entries(actual.facets ?? {}).map(([facet, values]) => [
        facet,
        Object.fromEntries(values.filter((v) => v.count > 0).map((v) => [v.value, v.count])),
      ]),
    );
    expect(got, label).toEqual(expected.facets);
  }
  if (!relevance && expected.total > 3) {
    expect(index.query({ ...q, offset: 2, limit: 2 }).ids, label).toEqual(expected.ids.slice(2, 4));
  }
}

/** Random upserts, removes and export-restores, each followed by queries checked against the reference. */
function run(r: Draws): void {
  const options = { compactMinDead: 8 };
  let index = new SearchIndex(options);
  const docs = new Map<string, SearchDoc>();
  let next = 0;
  for (let step = 0; step < 40; step++) {
    const roll = r.next();
    if (roll < 0.6) {
      const batch = Array.from({ length: 1 + r.int(0, 5) }, () => {
        const id = docs.size && r.next() < 0.4 ? r.pick([...docs.keys()]) : `b${next++}`;
        return randomDoc(r, id);
      });
      index.upsert(batch);
      for (const d of batch) docs.set(d.id, d);
    } else if (roll < 0.85) {
      const ids = [...docs.keys()].filter(() => r.next() < 0.2).concat('never-there');
      index.remove(ids);
      for (const id of ids) docs.delete(id);
    } else {
      index = SearchIndex.restore(structuredClone(index.export()), options);
    }
    expect(index.size).toBe(docs.size);
    for (let k = 0; k < 6; k++) check(index, docs, randomQuery(r));
  }
}

describe('SearchIndex against a brute-force reference', () => {
  it('agrees after random changes', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => run(draws(g))),
      { numRuns: 6, interruptAfterTimeLimit: 20_000 },
    );
  });
});
