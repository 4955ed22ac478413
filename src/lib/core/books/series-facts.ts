import { seriesYear } from '../formats/comic/values';
import type { BookMetadata } from '../metadata/types';
import { publisherKey } from './publisher-index';

/**
 * What a series is, as its page says it once instead of on every issue: the
 * publisher, imprint and age rating its issues share, the year the run
 * started, and what the run is about (a source's description of the whole
 * series, such as Comic Vine's volume). A value the issues do not share is
 * listed with how many issues carry each, so the page can say it varies.
 */
export interface SeriesFacts {
  publisher?: Shared;
  imprint?: Shared;
  ageRating?: Shared;
  startYear?: number;
  description?: string;
}

/** One value all issues that have one agree on, or the values when they differ (most used first). */
export type Shared = { value: string } | { values: { value: string; count: number }[] };

type FactSource = Pick<
  BookMetadata,
  | 'publisher'
  | 'imprint'
  | 'ageRating'
  | 'seriesDescription'
  | 'seriesStartYear'
  | 'published'
  | 'series'
>;

function shared(
  values: readonly (string | undefined)[],
  key: (v: string) => string,
): Shared | undefined {
  const groups = new Map<string, { value: string; count: number }>();
  for (const value of values) {
    if (!value?.trim()) continue;
    const k = key(value);
    const group = groups.get(k);
    if (group) group.count++;
    else groups.set(k, { value: value.trim(), count: 1 });
  }
  const all = [...groups.values()].sort(
    (a, b) => b.count - a.count || a.value.localeCompare(b.value),
  );
  if (all.length === 0) return undefined;
  return all.length === 1 ? { value: (all[0] as { value: string }).value } : { values: all };
}

const plainKey = (v: string) => v.trim().toLowerCase();

export function seriesFacts(name: string, issues: readonly FactSource[]): SeriesFacts {
  const years = issues.flatMap((m) => {
    const year = /^(\d{4})/.exec(m.published ?? '')?.[1];
    return year ? [Number(year)] : [];
  });
  // The name's year ("Batman (2016)") is the run's identity; then a source's start year; then the first issue's.
  const told = issues.flatMap((m) => (m.seriesStartYear ? [m.seriesStartYear] : []));
  const startYear =
    seriesYear(name) ??
    (told.length ? Math.min(...told) : undefined) ??
    (years.length ? Math.min(...years) : undefined);
  const description = shared(
    issues.map((m) => m.seriesDescription),
    plainKey,
  );
  const facts: SeriesFacts = {};
  const publisher = shared(
    issues.map((m) => m.publisher),
    publisherKey,
  );
  const imprint = shared(
    issues.map((m) => m.imprint),
    publisherKey,
  );
  const ageRating = shared(
    issues.map((m) => m.ageRating),
    plainKey,
  );
  if (publisher) facts.publisher = publisher;
  if (imprint) facts.imprint = imprint;
  if (ageRating) facts.ageRating = ageRating;
  if (startYear !== undefined) facts.startYear = startYear;
  // Sources may word the run differently; the one most issues carry speaks for it.
  if (description)
    facts.description = 'value' in description ? description.value : description.values[0]?.value;
  return facts;
}

/** "DC Comics", or "DC Comics (3), Vertigo (1)" when issues differ. */
export function sharedText(value: Shared): string {
  return 'value' in value
    ? value.value
    : value.values.map((v) => `${v.value} (${v.count})`).join(', ');
}
