import { seriesNumber } from '../../merge/normalise/series';
import { searchConfidence, type MapContext } from '../candidates';
import { comicMatchScore, matchOutcome, seriesSimilarity } from '../match';
import { yearOf } from '../published';
import { failedLookup, nothingFound, type SourceLookup } from '../result';
import type { ComicVineClient } from './client';
import { imageCovers, mapIssue, mapVolume } from './map';
import type { CvIssue, CvVolume } from './schema';

export interface ComicQuery {
  series: string;
  number?: number;
  year?: number;
}

const SOURCE = 'comicvine';
/** Volumes asked for the issue, best first: a series name is often reused ("Batman" 1940, 2011, 2016). */
const VOLUMES_TRIED = 2;

/**
 * How well a volume (a run of a series) fits: its name, and when the issue's
 * year is known, a run that started not after it and not long before it.
 */
function volumeScore(query: ComicQuery, volume: CvVolume): number {
  const count = volume.count_of_issues ?? undefined;
  if (query.number !== undefined && count !== undefined && count > 0 && query.number > count)
    return 0;
  const name = seriesSimilarity(query.series, volume.name);
  const start = volume.start_year ? Number(volume.start_year) : undefined;
  if (query.year === undefined) return name;
  let fit = 0.5;
  if (start !== undefined && Number.isFinite(start))
    fit = start > query.year + 1 ? 0 : Math.max(0, 1 - (query.year - start) / 30);
  return 0.75 * name + 0.25 * fit;
}

/**
 * Comic Vine for one comic: the volumes named like the series, the best
 * ones asked for the issue with that number, the issue scored on series,
 * number and year; an applied match is read in full for its credits.
 * Without an issue number only the volume is suggested.
 */
export async function lookupComicVine(
  client: ComicVineClient,
  query: ComicQuery,
): Promise<SourceLookup> {
  const volumes = await client.volumes(query.series);
  if (!volumes.ok) return failedLookup(SOURCE, volumes.error);
  const ranked = volumes.value
    .map((volume) => ({ volume, score: volumeScore(query, volume) }))
    .filter((v) => v.score > 0)
    .sort((a, b) => b.score - a.score);
  const first = ranked[0];
  if (!first) return nothingFound(SOURCE);
  if (query.number === undefined) {
    const score = Math.round(first.score * 1000) / 1000;
    const context: MapContext = { origin: 'comicvine:search', confidence: searchConfidence(score) };
    return {
      source: SOURCE,
      candidates: mapVolume(first.volume, context),
      covers: imageCovers(first.volume.image),
      match: matchOutcome(score),
    };
  }
  for (const { volume } of ranked.slice(0, VOLUMES_TRIED)) {
    const issues = await client.issues({ volumeId: volume.id, number: String(query.number) });
    if (!issues.ok) return failedLookup(SOURCE, issues.error);
    const best = bestIssue(query, volume, issues.value);
    if (best) return fromIssue(client, volume, best.issue, best.score);
  }
  return nothingFound(SOURCE);
}

function bestIssue(query: ComicQuery, volume: CvVolume, issues: readonly CvIssue[]) {
  let best: { issue: CvIssue; score: number } | undefined;
  for (const issue of issues) {
    const number = seriesNumber(issue.issue_number ?? undefined);
    const year = yearOf(issue.cover_date ?? issue.store_date ?? undefined);
    const score = comicMatchScore(query, {
      series: volume.name,
      ...(number !== undefined && { number }),
      ...(year !== undefined && { year }),
    });
    if (score > 0 && (!best || score > best.score)) best = { issue, score };
  }
  return best;
}

async function fromIssue(
  client: ComicVineClient,
  volume: CvVolume,
  issue: CvIssue,
  score: number,
): Promise<SourceLookup> {
  const match = matchOutcome(score);
  const full = match.applied ? await client.issue(issue.id) : undefined;
  const record = full?.ok ? full.value : issue;
  const context: MapContext = { origin: 'comicvine:search', confidence: searchConfidence(score) };
  const covers = imageCovers(record.image ?? volume.image);
  return { source: SOURCE, candidates: mapIssue(record, volume, context), covers, match };
}
