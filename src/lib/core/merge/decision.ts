import type { MetadataField } from '../metadata/types';
import { canonicalJson } from './canonical';
import { FIELD_KINDS, stance, type FieldKind, type FieldValue } from './field-kinds';
import type { CandidateOrigin, MergeCandidate, SourceId } from './sources';
import { compareBallots, vote, type Ballot } from './vote';

/** A candidate as the decision lists it: winners and losers alike. */
export interface CandidateView<V> {
  value: V;
  origin: CandidateOrigin;
  source: SourceId;
  confidence: number;
  /** confidence × the source's effective trust at merge time. */
  weight: number;
  /** True when it backs the value chosen. */
  agreed: boolean;
}

/** What was chosen for one field, how sure we are, and everything it was chosen from. */
export interface FieldDecision<V> {
  value: V;
  /** 0–1; 1 for the user's own value. */
  confidence: number;
  source: SourceId;
  origin: CandidateOrigin | 'user';
  /** Every counted candidate, heaviest first. */
  candidates: CandidateView<V>[];
  /** Two or more different values, each with real weight (see CONFLICT_RATIO). */
  conflict: boolean;
}

/**
 * Source, weight and priority of a candidate, and whether its source leads
 * (see leadingSource); undefined when its source is disabled.
 */
export type Weigh = (
  origin: CandidateOrigin,
  confidence: number,
) =>
  | { source: SourceId; confidence: number; weight: number; priority: number; leads: boolean }
  | undefined;

/** The candidates of one field as ballots; values with no usable key are no votes. */
export function toBallots<K extends MetadataField>(
  field: K,
  candidates: readonly MergeCandidate[],
  weigh: Weigh,
  key: (value: FieldValue<K>) => string | undefined,
): Ballot<FieldValue<K>>[] {
  return candidates.flatMap((c) => {
    if (c.field !== field) return [];
    const value = c.value as FieldValue<K>;
    const weighed = weigh(c.origin, c.confidence);
    const k = key(value);
    if (!weighed || k === undefined) return [];
    return [{ value, key: k, origin: c.origin, ...weighed, id: canonicalJson(value) }];
  });
}

export function views<V>(
  ballots: readonly Ballot<V>[],
  agreed: (ballot: Ballot<V>) => boolean,
): CandidateView<V>[] {
  return [...ballots].sort(compareBallots).map((b) => ({
    value: b.value,
    origin: b.origin,
    source: b.source,
    confidence: b.confidence,
    weight: b.weight,
    agreed: agreed(b),
  }));
}

/** The user's value wins outright; the candidates are still listed, marked by agreement. */
export function manualDecision<K extends MetadataField>(
  field: K,
  value: FieldValue<K>,
  ballots: readonly Ballot<FieldValue<K>>[],
): FieldDecision<FieldValue<K>> {
  const kind = FIELD_KINDS[field] as FieldKind<FieldValue<K>>;
  return {
    value: kind.present(value, [value], true),
    confidence: 1,
    source: 'user',
    origin: 'user',
    candidates: views(ballots, (b) => stance(field, b.value, value) === 'agree'),
    conflict: false,
  };
}

/** One field decided by the weighted vote, or by the user when they set it. */
export function decideField<K extends MetadataField>(
  field: K,
  candidates: readonly MergeCandidate[],
  weigh: Weigh,
  manual: FieldValue<K> | undefined,
): FieldDecision<FieldValue<K>> | undefined {
  const kind = FIELD_KINDS[field] as FieldKind<FieldValue<K>>;
  const ballots = toBallots(field, candidates, weigh, (v) => kind.key(v));
  if (manual !== undefined) return manualDecision(field, manual, ballots);
  const result = vote(ballots, kind.refines, kind.conflicts);
  if (!result) return undefined;
  const { winner } = result;
  const group = ballots.filter((b) => b.key === winner.key).sort(compareBallots);
  return {
    value: kind.present(
      winner.value,
      group.map((b) => b.value),
      false,
    ),
    confidence: result.confidence,
    source: winner.source,
    origin: winner.origin,
    candidates: views(ballots, (b) => result.supporters.has(b)),
    conflict: result.conflict,
  };
}
