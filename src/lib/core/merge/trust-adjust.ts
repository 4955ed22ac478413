import type { MetadataField } from '../metadata/types';
import { canonicalJson, compareText } from './canonical';
import { FIELD_KINDS, stance, type FieldKind, type FieldValue } from './field-kinds';
import { SOURCE_IDS, sourceOf, type MergeCandidate, type SourceId } from './sources';
import type { DataSource } from './trust';

/** A source whose value the user replaced loses a little trust… */
export const TRUST_PENALTY = 0.02;
/** …and one whose value the user confirmed gains less: one edit proves little. */
export const TRUST_REWARD = 0.01;
/** Automatic steps stay within these bounds; only the user sets trust beyond them. */
export const TRUST_FLOOR = 0.05;
export const TRUST_CEILING = 0.95;

/** One recorded trust step, enough to show it in a log and to undo it. */
export interface TrustChange {
  source: SourceId;
  field: MetadataField;
  before: number;
  after: number;
  reason: 'agreed-with-user' | 'overridden-by-user';
}

const round = (n: number): number => Math.round(n * 10_000) / 10_000;

/** One step from `trust`, never past a bound, never jumping to one from outside it. */
function step(trust: number, delta: number): number {
  if (delta > 0) return round(Math.min(trust + delta, Math.max(trust, TRUST_CEILING)));
  return round(Math.max(trust + delta, Math.min(trust, TRUST_FLOOR)));
}

/**
 * The value a source stands for on a field: its most confident candidate
 * (ties broken by the value's canonical JSON, not by arrival order).
 */
function standOf<K extends MetadataField>(
  field: K,
  candidates: readonly MergeCandidate[],
  source: SourceId,
): FieldValue<K> | undefined {
  const kind = FIELD_KINDS[field] as FieldKind<FieldValue<K>>;
  const own = candidates
    .filter((c) => c.field === field && sourceOf(c.origin) === source)
    .map((c) => ({ value: c.value as FieldValue<K>, confidence: c.confidence }))
    .filter((c) => kind.key(c.value) !== undefined)
    .map((c) => ({ ...c, id: canonicalJson(c.value) }))
    .sort((a, b) => b.confidence - a.confidence || compareText(a.id, b.id));
  return own[0]?.value;
}

/**
 * After the user set `field` to `chosen`: each enabled source whose value for
 * the field disagreed loses TRUST_PENALTY and counts one value overridden;
 * each whose value agreed gains TRUST_REWARD and counts one value accepted.
 * Sources without a value on the field, disabled ones, the user, and sources
 * not in `sources` are left alone. Every step is returned as a TrustChange
 * (also when a bound made it zero: the count still moved) for the log and for
 * revertTrust.
 */
export function adjustTrust<K extends MetadataField>(
  sources: readonly DataSource[],
  field: K,
  chosen: FieldValue<K>,
  candidates: readonly MergeCandidate[],
): { sources: DataSource[]; changes: TrustChange[] } {
  const changes: TrustChange[] = [];
  const next = sources.map((source) => {
    if (source.id === 'user' || !source.enabled) return source;
    const value = standOf(field, candidates, source.id);
    if (value === undefined) return source;
    const s = stance(field, value, chosen);
    if (s === 'none') return source;
    const agreed = s === 'agree';
    const after = step(source.trust, agreed ? TRUST_REWARD : -TRUST_PENALTY);
    const reason = agreed ? 'agreed-with-user' : 'overridden-by-user';
    changes.push({ source: source.id, field, before: source.trust, after, reason });
    const stats = agreed
      ? { ...source.stats, accepted: source.stats.accepted + 1 }
      : { ...source.stats, overridden: source.stats.overridden + 1 };
    return { ...source, trust: after, stats };
  });
  changes.sort((a, b) => SOURCE_IDS.indexOf(a.source) - SOURCE_IDS.indexOf(b.source));
  return { sources: next, changes };
}

/**
 * Undoes changes, newest first. A source still at a change's `after` goes
 * back to exactly `before`; one moved since (by the user or by later changes
 * not undone) gets the step taken back instead, so later edits survive.
 */
export function revertTrust(
  sources: readonly DataSource[],
  changes: readonly TrustChange[],
): DataSource[] {
  let current = [...sources];
  for (const change of [...changes].reverse()) {
    current = current.map((source) => {
      if (source.id !== change.source) return source;
      const trust =
        source.trust === change.after
          ? change.before
          : round(Math.min(1, Math.max(0, source.trust - (change.after - change.before))));
      const counter = change.reason === 'agreed-with-user' ? 'accepted' : 'overridden';
      const stats = { ...source.stats, [counter]: Math.max(0, source.stats[counter] - 1) };
      return { ...source, trust, stats };
    });
  }
  return current;
}
