import { EXTERNAL_SOURCE_IDS, type SourceId } from './sources';

/** How often a source was asked and how its values fared with the user. */
export interface SourceStats {
  requests: number;
  failures: number;
  /** Values of this source the user's own edit agreed with. */
  accepted: number;
  /** Values of this source the user replaced with a different one. */
  overridden: number;
}

/** One metadata source and how far it is believed. */
export interface DataSource {
  id: SourceId;
  /** 0–1: how far this source's values are believed. */
  trust: number;
  /** A disabled source is neither asked nor counted in a merge. */
  enabled: boolean;
  /** Lower first: the order sources are asked in, and the last tie-break of a vote. */
  priority: number;
  /**
   * A new source counts at PROBATION_FACTOR of its trust until `until` (an
   * ISO instant) has passed, or, without `until`, until probation is lifted.
   */
  probation: false | { until?: string };
  stats: SourceStats;
}

/**
 * Starting trust. The user is believed outright; a library they curated in
 * Calibre nearly so, above every other source (see CURATED_SOURCE_IDS); the
 * file is the publisher's own record.
 */
export const DEFAULT_TRUST: Readonly<Record<SourceId, number>> = {
  user: 1,
  calibre: 0.9,
  file: 0.7,
  openlibrary: 0.6,
  googlebooks: 0.6,
  comicvine: 0.6,
};

export const DEFAULT_PRIORITY: Readonly<Record<SourceId, number>> = {
  user: 0,
  // Never asked, and the user's own values never vote: 0 puts it first among the voters.
  calibre: 0,
  file: 1,
  openlibrary: 2,
  googlebooks: 3,
  comicvine: 4,
};

/** A source on probation counts at half its trust. */
export const PROBATION_FACTOR = 0.5;
export const PROBATION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

function freshStats(): SourceStats {
  return { requests: 0, failures: 0, accepted: 0, overridden: 0 };
}

/**
 * A source at its defaults, not on probation: what a merge assumes for a
 * source that has no document yet.
 */
export function defaultSource(id: SourceId): DataSource {
  return {
    id,
    trust: DEFAULT_TRUST[id],
    enabled: true,
    priority: DEFAULT_PRIORITY[id],
    probation: false,
    stats: freshStats(),
  };
}

/**
 * A source as first set up at `now`: external services start on probation for
 * PROBATION_DAYS; the file and the user never are.
 */
export function newSource(id: SourceId, now: string): DataSource {
  const external = EXTERNAL_SOURCE_IDS.some((e) => e === id);
  const until = new Date(Date.parse(now) + PROBATION_DAYS * DAY_MS).toISOString();
  return { ...defaultSource(id), probation: external ? { until } : false };
}

/**
 * True while the source is on probation. Without `now` a dated probation
 * still counts: core reads no clock, and erring low is the safe side.
 */
export function onProbation(source: DataSource, now?: string): boolean {
  if (source.probation === false) return false;
  const { until } = source.probation;
  if (until === undefined || now === undefined) return true;
  return Date.parse(now) < Date.parse(until);
}

/** The trust a vote uses: 0 when disabled, reduced on probation, always within 0–1. */
export function effectiveTrust(source: DataSource, now?: string): number {
  if (!source.enabled) return 0;
  const trust = Math.min(1, Math.max(0, source.trust));
  return onProbation(source, now) ? trust * PROBATION_FACTOR : trust;
}

/** The source with one more request counted (and one more failure when it failed). */
export function recordRequest(source: DataSource, failed: boolean): DataSource {
  const { requests, failures } = source.stats;
  return {
    ...source,
    stats: { ...source.stats, requests: requests + 1, failures: failures + (failed ? 1 : 0) },
  };
}

/** Sources as a merge takes them: a list, or a record by id. */
export type SourceTable = readonly DataSource[] | Partial<Record<SourceId, DataSource>>;

/** A lookup over a source table; a source without a document gets its defaults. */
export function sourceLookup(table: SourceTable): (id: SourceId) => DataSource {
  const byId = new Map<SourceId, DataSource>();
  const list: readonly (DataSource | undefined)[] = Array.isArray(table)
    ? table
    : Object.values(table);
  for (const source of list) if (source) byId.set(source.id, source);
  return (id) => byId.get(id) ?? defaultSource(id);
}
