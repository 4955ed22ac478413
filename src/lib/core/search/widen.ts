import type { QueryNode } from './query-ast';
import type { Filters } from './query-types';
import { positive, replaced, spellings, unquoted, type RelaxTools } from './relax';

/** A search that finds books where one found none: what changed, and how many it finds. */
export interface Widening {
  kind: 'spelling' | 'anywhere' | 'unquote' | 'drop-term' | 'drop-filter' | 'any';
  /** What it does, for the person: "Search for “emilie”", "Search “zola”, without “year:1990”". */
  label: string;
  text: string;
  filters: Filters;
  count: number;
}

export interface WidenTools extends Omit<RelaxTools, 'count'> {
  /** How many books a query text finds with these filters; 0 for a malformed one. */
  count(text: string, filters: Filters): number;
}

/** At most this many are offered: a few clear choices, not every combination. */
export const MAX_WIDENINGS = 4;

const FILTER_NAMES: Record<keyof Filters, string> = {
  formats: 'format',
  languages: 'language',
  subjects: 'subject',
  genres: 'genre',
  publishers: 'publisher',
  year: 'year',
  size: 'size',
  hasCover: 'cover',
  hasSeries: 'series',
  statuses: 'reading status',
  completeness: 'completeness',
};

function activeFilters(filters: Filters): (keyof Filters)[] {
  return (Object.keys(filters) as (keyof Filters)[]).filter((key) => {
    const value = filters[key];
    return value !== undefined && (!Array.isArray(value) || value.length > 0);
  });
}

const quoted = (text: string) => `“${text}”`;

/**
 * Searches close to one that found nothing, each of which finds books: the
 * misspelt words corrected; field terms searched in every field; phrases as
 * loose words; each term left out; each filter left out; any term instead of
 * all. Corrections come first, any-instead-of-all last, the rest by how many
 * books they find.
 * Every one is counted, so none is offered that finds nothing.
 */
export function widen(
  text: string,
  query: QueryNode | undefined,
  filters: Filters,
  tools: WidenTools,
): Widening[] {
  const out: Widening[] = [];
  const seen = new Set<string>();
  const offer = (w: Omit<Widening, 'count'>) => {
    const key = JSON.stringify([w.text, w.filters]);
    if (seen.has(key) || (w.text === text && w.filters === filters)) return;
    seen.add(key);
    const count = tools.count(w.text, w.filters);
    if (count > 0) out.push({ ...w, count });
    else if (w.filters === filters && w.kind !== 'any') missed.push(w);
  };
  /** Changes to the words that found nothing with the filters: tried again without them. */
  const missed: Omit<Widening, 'count'>[] = [];

  // When the corrected words alone find nothing, the other changes start from them.
  let base = text;
  if (query) {
    const spelled = spellings(text, query, tools);
    if (spelled !== undefined) {
      offer({ kind: 'spelling', label: `Search for ${quoted(spelled)}`, text: spelled, filters });
      if (!out.length) {
        base = spelled;
        query = tools.parse(spelled);
      }
    }
  }
  text = base;
  if (query) {
    const fielded = [...positive(query, 'word'), ...positive(query, 'phrase')].filter(
      (node) => node.field,
    );
    if (fielded.length) {
      const anywhere = replaced(
        text,
        fielded.map((node) => ({
          start: node.start,
          end: node.end,
          insert: text.slice(node.start, node.end).replace(/^[A-Za-z]+:/, ''),
        })),
      );
      offer({
        kind: 'anywhere',
        label: `Search ${quoted(anywhere)} in every field`,
        text: anywhere,
        filters,
      });
    }

    const loose = unquoted(text, query);
    if (loose !== undefined)
      offer({
        kind: 'unquote',
        label: `Search ${quoted(loose)} without quotes`,
        text: loose,
        filters,
      });

    const terms = query.kind === 'and' ? query.children : [query];
    if (terms.length > 1) {
      terms.forEach((term, i) => {
        if (terms.every((t, j) => j === i || t.kind === 'not')) return;
        const without = replaced(text, [{ start: term.start, end: term.end, insert: ' ' }]);
        offer({
          kind: 'drop-term',
          label: `Search ${quoted(without)}, without ${quoted(text.slice(term.start, term.end))}`,
          text: without,
          filters,
        });
      });
    }
  }

  for (const key of activeFilters(filters)) {
    const rest = { ...filters };
    delete rest[key];
    offer({
      kind: 'drop-filter',
      label: `Without the ${FILTER_NAMES[key]} filter`,
      text,
      filters: rest,
    });
  }
  if (activeFilters(filters).length > 1)
    offer({ kind: 'drop-filter', label: 'Without any filter', text, filters: {} });

  if (out.length === 0 && activeFilters(filters).length)
    for (const w of missed) offer({ ...w, label: `${w.label}, without filters`, filters: {} });

  const wanted = query?.kind === 'and' ? query.children.filter((t) => t.kind !== 'not') : [];
  if (wanted.length > 1) {
    const any = wanted.map((t) => text.slice(t.start, t.end)).join(' OR ');
    offer({ kind: 'any', label: `Any of the terms: ${quoted(any)}`, text: any, filters });
  }

  // Corrections first, the broadest change (any of the terms) last, the rest by books found.
  const place = (w: Widening) =>
    w.kind === 'spelling' || w.kind === 'anywhere' ? 0 : w.kind === 'any' ? 2 : 1;
  return out
    .map((w, i) => ({ w, i }))
    .sort(
      (a, b) =>
        place(a.w) - place(b.w) || (place(a.w) === 1 ? b.w.count - a.w.count : 0) || a.i - b.i,
    )
    .map(({ w }) => w)
    .slice(0, MAX_WIDENINGS);
}
