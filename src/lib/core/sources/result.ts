import type { ExternalSourceId, MergeCandidate } from '../merge/sources';
import type { SourceError } from './errors';
import type { MatchOutcome } from './match';

/** A cover image a source offers; sizes when the source says them. */
export interface SourceCover {
  url: string;
  width?: number;
  height?: number;
}

/**
 * What one source said about one book. `match` is undefined for an
 * identifier hit (an ISBN, a Comic Vine id): nothing was guessed. For a fuzzy
 * hit it holds the score, and `applied: false` means the candidates are only
 * a suggestion for the user and must not be merged (see appliedCandidates).
 */
export interface SourceLookup {
  source: ExternalSourceId;
  candidates: MergeCandidate[];
  covers: SourceCover[];
  match: MatchOutcome | undefined;
  error?: SourceError;
}

export interface LookupResult {
  sources: SourceLookup[];
}

/** The candidates a merge may use: an identifier hit's, or an applied match's. */
export function appliedCandidates(result: SourceLookup): MergeCandidate[] {
  return result.match === undefined || result.match.applied ? result.candidates : [];
}

/** A source's empty answer: asked, and nothing found (no error). */
export const nothingFound = (source: ExternalSourceId): SourceLookup => ({
  source,
  candidates: [],
  covers: [],
  match: undefined,
});

/** A source that failed: its error, and nothing else. */
export const failedLookup = (source: ExternalSourceId, error: SourceError): SourceLookup => ({
  ...nothingFound(source),
  error,
});
