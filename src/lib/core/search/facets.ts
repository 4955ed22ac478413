import { HAS_BIT, NO_YEAR, type Columns, type MultiColumn } from './columns';
import type { Dictionary } from './dictionary';
import { FACET_NAMES, type FacetName, type FacetValue, type Filters } from './query-types';

/** Values listed per facet, besides the selected ones. */
export const FACET_LIMIT = 50;

export interface FilterOutcome {
  /** The slots that pass the text query and every filter, in the order given. */
  slots: Int32Array;
  facets?: Record<FacetName, FacetValue[]>;
}

/** Marks, in `failed`, the candidates that fail one filter. One tight loop per kind of column. */
type Marker = (candidates: Int32Array, failed: Uint32Array, bit: number) => void;

interface CompiledFilter {
  facet?: FacetName;
  mark: Marker;
}

/** decade index = floor(year / 10) + DECADE_BASE, for years -9999…9999. */
const DECADE_BASE = 1000;

function allowedCodes(
  dict: Dictionary,
  values: readonly string[] | undefined,
): Uint8Array | undefined {
  if (!values?.length) return undefined;
  const allowed = new Uint8Array(dict.size + 1);
  for (const v of values) {
    const code = dict.find(v);
    if (code !== undefined) allowed[code] = 1;
  }
  return allowed;
}

function codeMarker(column: Int32Array, allowed: Uint8Array): Marker {
  return (candidates, failed, bit) => {
    for (let k = 0; k < candidates.length; k++) {
      const code = column[candidates[k] as number] as number;
      if (code < 0 || !allowed[code]) failed[k] = (failed[k] as number) | bit;
    }
  };
}

function multiMarker(column: MultiColumn, allowed: Uint8Array): Marker {
  return (candidates, failed, bit) => {
    const { starts, values } = column;
    for (let k = 0; k < candidates.length; k++) {
      const s = candidates[k] as number;
      let ok = false;
      for (let j = starts[s] as number; j < (starts[s + 1] as number) && !ok; j++)
        ok = allowed[values[j] as number] === 1;
      if (!ok) failed[k] = (failed[k] as number) | bit;
    }
  };
}

function rangeMarker(
  column: Int32Array | Float64Array | Float32Array,
  min: number,
  max: number,
): Marker {
  return (candidates, failed, bit) => {
    for (let k = 0; k < candidates.length; k++) {
      const v = column[candidates[k] as number] as number;
      if (!(v >= min && v <= max) || v === NO_YEAR) failed[k] = (failed[k] as number) | bit;
    }
  };
}

function flagMarker(presence: Uint16Array, has: number, want: boolean): Marker {
  return (candidates, failed, bit) => {
    for (let k = 0; k < candidates.length; k++) {
      const present = ((presence[candidates[k] as number] as number) & has) !== 0;
      if (present !== want) failed[k] = (failed[k] as number) | bit;
    }
  };
}

function bounds(r: { min?: number; max?: number } | undefined): [number, number] | undefined {
  if (!r || (r.min === undefined && r.max === undefined)) return undefined;
  return [r.min ?? -Infinity, r.max ?? Infinity];
}

const lower = (values: readonly string[] | undefined) => values?.map((v) => v.toLowerCase());

function compile(filters: Filters, c: Columns): CompiledFilter[] {
  const out: CompiledFilter[] = [];
  const codes: [FacetName, Dictionary, readonly string[] | undefined, Int32Array][] = [
    ['status', c.dict.status, lower(filters.statuses), c.status],
    ['publisher', c.dict.publisher, filters.publishers, c.publisher],
  ];
  for (const [facet, dict, values, column] of codes) {
    const allowed = allowedCodes(dict, values);
    if (allowed) out.push({ facet, mark: codeMarker(column, allowed) });
  }
  const multi: [FacetName, Dictionary, readonly string[] | undefined, MultiColumn][] = [
    // A book counts under each of its formats (its other formats, grouped with it, too).
    ['format', c.dict.format, lower(filters.formats), c.formats],
    ['language', c.dict.language, lower(filters.languages), c.languages],
    ['subject', c.dict.subject, filters.subjects, c.subjects],
    ['genre', c.dict.genre, filters.genres, c.genres],
  ];
  for (const [facet, dict, values, column] of multi) {
    const allowed = allowedCodes(dict, values);
    if (allowed) out.push({ facet, mark: multiMarker(column, allowed) });
  }
  if (filters.hasCover !== undefined) {
    out.push({ facet: 'hasCover', mark: flagMarker(c.presence, HAS_BIT.cover, filters.hasCover) });
  }
  if (filters.hasSeries !== undefined) {
    out.push({
      facet: 'hasSeries',
      mark: flagMarker(c.presence, HAS_BIT.series, filters.hasSeries),
    });
  }
  const year = bounds(filters.year);
  if (year) out.push({ facet: 'decade', mark: rangeMarker(c.year, ...year) });
  const size = bounds(filters.size);
  if (size) out.push({ mark: rangeMarker(c.size, ...size) });
  const complete = bounds(filters.completeness);
  // Completeness is a share of five held as a float32: a little slack for rounding.
  if (complete)
    out.push({ mark: rangeMarker(c.completeness, complete[0] - 1e-6, complete[1] + 1e-6) });
  return out;
}

/**
 * Applies the filters to the slots the text matched and, when asked, counts
 * facet values the standard way: each facet's counts are over the books that
 * pass every filter except that facet's own, so choosing "epub" still shows
 * how many PDFs there are. Each filter marks its failures as one bit; a book
 * counts for a facet when it fails no filter but (perhaps) that facet's own.
 */
export function applyFilters(
  candidates: Int32Array,
  filters: Filters | undefined,
  c: Columns,
  withFacets: boolean,
  cache?: FacetCache,
): FilterOutcome {
  const compiled = filters ? compile(filters, c) : [];
  if (!compiled.length && !withFacets) return { slots: candidates };
  const n = candidates.length;
  const failed = new Uint32Array(n);
  compiled.forEach((f, i) => f.mark(candidates, failed, 1 << i));
  let slots = candidates;
  if (compiled.length) {
    slots = new Int32Array(n);
    let m = 0;
    for (let k = 0; k < n; k++) if (failed[k] === 0) slots[m++] = candidates[k] as number;
    slots = slots.subarray(0, m);
  }
  if (!withFacets) return { slots };
  const own = (facet: FacetName) =>
    compiled.reduce((bits, f, i) => (f.facet === facet ? bits | (1 << i) : bits), 0);
  let counts: Record<FacetName, Int32Array>;
  if (!compiled.length && cache && candidates.length > c.live / 2) {
    // Most of the catalog matches: count the books that do not, and subtract.
    counts = subtract(
      cache.all(),
      countFacets(complement(candidates, c), new Uint32Array(c.live), [], c),
    );
  } else {
    counts = countFacets(
      candidates,
      failed,
      FACET_NAMES.map((facet) => ~own(facet)),
      c,
    );
  }
  return { slots, facets: facetValues(counts, filters ?? {}, c) };
}

/** The facet counts of the whole catalog, kept until it changes. */
export class FacetCache {
  private counts?: Record<FacetName, Int32Array>;

  constructor(private readonly columns: () => Columns) {}

  all(): Record<FacetName, Int32Array> {
    if (!this.counts) {
      const c = this.columns();
      const everything = complement(new Int32Array(0), c);
      this.counts = countFacets(everything, new Uint32Array(everything.length), [], c);
    }
    return this.counts;
  }

  clear(): void {
    this.counts = undefined;
  }
}

/** Live slots not among `slots`. */
function complement(slots: Int32Array, c: Columns): Int32Array {
  const inside = new Uint8Array(c.count);
  for (let k = 0; k < slots.length; k++) inside[slots[k] as number] = 1;
  const out = new Int32Array(c.live);
  let n = 0;
  for (let s = 0; s < c.count; s++) if (c.alive[s] && !inside[s]) out[n++] = s;
  return out.subarray(0, n);
}

function subtract(
  all: Record<FacetName, Int32Array>,
  part: Record<FacetName, Int32Array>,
): Record<FacetName, Int32Array> {
  const out = {} as Record<FacetName, Int32Array>;
  for (const facet of FACET_NAMES)
    out[facet] = all[facet].map((n, i) => n - (part[facet][i] as number));
  return out;
}

/**
 * Counts every facet in one pass. A book that fails no filter counts
 * everywhere (the common case, kept to straight-line code); one that fails
 * filters counts only for the facets whose own filter is the only one it fails.
 */
function countFacets(
  candidates: Int32Array,
  failed: Uint32Array,
  notOwn: number[],
  c: Columns,
): Record<FacetName, Int32Array> {
  const counts: Record<FacetName, Int32Array> = {
    format: new Int32Array(c.dict.format.size),
    language: new Int32Array(c.dict.language.size),
    subject: new Int32Array(c.dict.subject.size),
    genre: new Int32Array(c.dict.genre.size),
    // One spare cell at the end for "no publisher" (code -1).
    publisher: new Int32Array(c.dict.publisher.size + 1),
    status: new Int32Array(c.dict.status.size),
    hasCover: new Int32Array(2),
    hasSeries: new Int32Array(2),
    decade: new Int32Array(2 * DECADE_BASE),
  };
  const { format, language, subject, genre, publisher, status, hasCover, hasSeries, decade } =
    counts;
  const noPublisher = c.dict.publisher.size;
  const { presence, year } = c;
  const langStarts = c.languages.starts;
  const langValues = c.languages.values;
  const subjStarts = c.subjects.starts;
  const subjValues = c.subjects.values;
  const genreStarts = c.genres.starts;
  const genreValues = c.genres.values;
  const formatStarts = c.formats.starts;
  const formatValues = c.formats.values;
  const n = candidates.length;
  const which = FACET_NAMES.map((_, j) => j);
  for (let k = 0; k < n; k++) {
    const s = candidates[k] as number;
    const bits = failed[k] as number;
    let j = -1;
    if (bits !== 0) {
      // Only the facet whose own filter is the one failed, if there is one.
      j = which.findIndex((i) => (bits & (notOwn[i] as number)) === 0);
      if (j < 0) continue;
    }
    const all = j < 0;
    const facet = all ? undefined : FACET_NAMES[j];
    if (all || facet === 'format') {
      for (let v = formatStarts[s] as number; v < (formatStarts[s + 1] as number); v++) {
        const code = formatValues[v] as number;
        format[code] = (format[code] as number) + 1;
      }
    }
    if (all || facet === 'status') {
      const code = c.status[s] as number;
      status[code] = (status[code] as number) + 1;
    }
    if (all || facet === 'publisher') {
      const code = c.publisher[s] as number;
      const i = code < 0 ? noPublisher : code;
      publisher[i] = (publisher[i] as number) + 1;
    }
    if (all || facet === 'language') {
      for (let v = langStarts[s] as number; v < (langStarts[s + 1] as number); v++) {
        const code = langValues[v] as number;
        language[code] = (language[code] as number) + 1;
      }
    }
    if (all || facet === 'subject') {
      for (let v = subjStarts[s] as number; v < (subjStarts[s + 1] as number); v++) {
        const code = subjValues[v] as number;
        subject[code] = (subject[code] as number) + 1;
      }
    }
    if (all || facet === 'genre') {
      for (let v = genreStarts[s] as number; v < (genreStarts[s + 1] as number); v++) {
        const code = genreValues[v] as number;
        genre[code] = (genre[code] as number) + 1;
      }
    }
    const has = presence[s] as number;
    if (all || facet === 'hasCover') {
      const i = has & HAS_BIT.cover ? 1 : 0;
      hasCover[i] = (hasCover[i] as number) + 1;
    }
    if (all || facet === 'hasSeries') {
      const i = has & HAS_BIT.series ? 1 : 0;
      hasSeries[i] = (hasSeries[i] as number) + 1;
    }
    if (all || facet === 'decade') {
      const y = year[s] as number;
      if (y !== NO_YEAR) {
        const i = Math.floor(y / 10) + DECADE_BASE;
        if (i >= 0 && i < decade.length) decade[i] = (decade[i] as number) + 1;
      }
    }
  }
  return counts;
}

function facetValues(
  counts: Record<FacetName, Int32Array>,
  filters: Filters,
  c: Columns,
): Record<FacetName, FacetValue[]> {
  const fromDict = (d: Dictionary, n: Int32Array, selected: readonly string[] | undefined) =>
    top(
      d.labels.map((value, code) => ({ value, count: n[code] as number })),
      new Set((selected ?? []).map((v) => d.find(v)).filter((x) => x !== undefined)),
      // Selected values no book has (any more) still show, with 0.
      (selected ?? []).filter((v) => d.find(v) === undefined),
    );
  const flag = (n: Int32Array, selected: boolean | undefined) =>
    (['true', 'false'] as const)
      .map((value) => ({ value, count: n[value === 'true' ? 1 : 0] as number }))
      .filter((v) => v.count > 0 || String(selected) === v.value);
  const decades: FacetValue[] = [];
  counts.decade.forEach((count, i) => {
    if (count > 0) decades.push({ value: `${(i - DECADE_BASE) * 10}s`, count });
  });
  return {
    format: fromDict(c.dict.format, counts.format, lower(filters.formats)),
    language: fromDict(c.dict.language, counts.language, lower(filters.languages)),
    subject: fromDict(c.dict.subject, counts.subject, filters.subjects),
    genre: fromDict(c.dict.genre, counts.genre, filters.genres),
    publisher: fromDict(c.dict.publisher, counts.publisher, filters.publishers),
    status: fromDict(c.dict.status, counts.status, lower(filters.statuses)),
    hasCover: flag(counts.hasCover, filters.hasCover),
    hasSeries: flag(counts.hasSeries, filters.hasSeries),
    // Decades are few and read in time order: oldest first, not by count.
    decade: decades,
  };
}

/** The FACET_LIMIT most frequent values (by count, then value), plus every selected one. */
function top(
  values: FacetValue[],
  selected: ReadonlySet<number>,
  unknownSelected: readonly string[],
): FacetValue[] {
  const ranked = values
    .map((v, code) => ({ v, code }))
    .filter(({ v }) => v.count > 0)
    .sort(
      (a, b) =>
        b.v.count - a.v.count || (a.v.value < b.v.value ? -1 : a.v.value > b.v.value ? 1 : 0),
    );
  const shown = ranked.slice(0, FACET_LIMIT);
  const inShown = new Set(shown.map((x) => x.code));
  for (const code of selected) {
    if (!inShown.has(code)) shown.push({ v: values[code] as FacetValue, code });
  }
  return [...shown.map((x) => x.v), ...unknownSelected.map((value) => ({ value, count: 0 }))];
}
