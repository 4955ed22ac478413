import type { RecentSearchDoc } from '../schema/recent-search-doc';
import { fold } from '../text/fold';

/** A remembered search, as the search box offers it. */
export interface RecentSearch {
  query: string;
  /** When it was last run, ISO 8601. */
  at: string;
  id: string;
}

const newer = (a: RecentSearch, b: RecentSearch) => Date.parse(b.at) - Date.parse(a.at);

/** The remembered searches, the latest first, each query once (a device's copy may lag). */
export function recentOrder(docs: readonly RecentSearchDoc[]): RecentSearch[] {
  const byQuery = new Map<string, RecentSearch>();
  for (const doc of docs) {
    const known = byQuery.get(doc.query);
    if (!known || Date.parse(doc.at) > Date.parse(known.at))
      byQuery.set(doc.query, { query: doc.query, at: doc.at, id: doc._id });
  }
  return [...byQuery.values()].sort(newer);
}

/** The ids past the `kept` latest: what a device deletes after remembering a search. */
export function prunable(recent: readonly RecentSearch[], kept: number): string[] {
  return [...recent]
    .sort(newer)
    .slice(kept)
    .map((r) => r.id);
}

/**
 * The remembered searches to offer while `typed` is in the box: all of them
 * (the latest first) for an empty box; else those containing what is typed,
 * accent- and case-blind, the ones starting with it first. The search
 * already in the box is not offered again.
 */
export function recentFor(
  typed: string,
  recent: readonly RecentSearch[],
  max: number,
): RecentSearch[] {
  const want = fold(typed.trim());
  const ordered = [...recent].sort(newer);
  if (!want) return ordered.slice(0, max);
  const starts: RecentSearch[] = [];
  const contains: RecentSearch[] = [];
  for (const r of ordered) {
    const q = fold(r.query);
    if (q === want) continue;
    if (q.startsWith(want)) starts.push(r);
    else if (q.includes(want)) contains.push(r);
  }
  return [...starts, ...contains].slice(0, max);
}

/**
 * The books opened or read lately, the latest first, at most `max`: from when
 * each was opened and when it was last read on any device.
 */
export function recentBooks(
  times: Iterable<readonly [book: string, at: string]>,
  max: number,
): string[] {
  const latest = new Map<string, number>();
  for (const [book, at] of times) {
    const t = Date.parse(at);
    if (!Number.isFinite(t)) continue;
    if (t > (latest.get(book) ?? -Infinity)) latest.set(book, t);
  }
  return [...latest]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([book]) => book);
}
