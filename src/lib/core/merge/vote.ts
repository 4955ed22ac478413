import { compareText } from './canonical';
import type { CandidateOrigin, SourceId } from './sources';
import { DEFAULT_TRUST } from './trust';

/** One candidate as a vote: its value, its normalised key and its weight. */
export interface Ballot<V> {
  value: V;
  key: string;
  origin: CandidateOrigin;
  source: SourceId;
  /** The candidate's own confidence, within 0–1. */
  confidence: number;
  /** confidence × the source's effective trust. */
  weight: number;
  priority: number;
  /** Its source leads (see leadingSource): only a group it backs can win. */
  leads: boolean;
  /** The value's canonical JSON: the last tie-break between ballots. */
  id: string;
}

export interface Vote<V> {
  /** The heaviest ballot of the winning group: its value is the one shown. */
  winner: Ballot<V>;
  /** Ballots that agree with the winner: its group, and less precise groups it refines. */
  supporters: ReadonlySet<Ballot<V>>;
  confidence: number;
  conflict: boolean;
}

/** A losing value is a conflict when it carries at least half the winner's support. */
export const CONFLICT_RATIO = 0.5;

/** Heaviest first, then a total order on everything else a ballot holds. */
export function compareBallots<V>(a: Ballot<V>, b: Ballot<V>): number {
  return (
    b.weight - a.weight ||
    compareText(a.key, b.key) ||
    a.priority - b.priority ||
    compareText(a.source, b.source) ||
    compareText(a.origin, b.origin) ||
    b.confidence - a.confidence ||
    compareText(a.id, b.id)
  );
}

/** The heaviest ballot of each source, in source order (so float sums never vary). */
function perSource<V>(ballots: readonly Ballot<V>[]): number[] {
  const best = new Map<SourceId, number>();
  for (const b of ballots) best.set(b.source, Math.max(best.get(b.source) ?? 0, b.weight));
  return [...best.entries()].sort(([a], [b]) => compareText(a, b)).map(([, w]) => w);
}

/**
 * Support for a set of agreeing ballots: one vote per source, at the weight of
 * its heaviest ballot. The file's OPF and its file name often echo one
 * another (calibre names files from the metadata), so they are not two votes.
 */
const support = <V>(ballots: readonly Ballot<V>[]): number =>
  perSource(ballots).reduce((sum, w) => sum + w, 0);

/**
 * How likely a ballot is right on its own: the confidence its origin states
 * (OPF 0.8, PDF Info 0.5, a file name 0.3), scaled by how far its source is
 * trusted now against that source's default. At default trust it is the
 * origin's own figure; a source the user trusts less, or one on probation,
 * counts for less. Trust weighs sources against one another in the vote, but
 * multiplying it in here too would say a plainly stated OPF title is 56% sure.
 * Only the user is certain: one source alone (even Calibre, whose values
 * come at confidence 1) stops at MAX_RELIABILITY.
 */
function reliability<V>(ballot: Ballot<V>): number {
  const trust = DEFAULT_TRUST[ballot.source];
  return trust > 0 ? Math.min(MAX_RELIABILITY, ballot.weight / trust) : 0;
}

export const MAX_RELIABILITY = 0.95;

/** The chance that at least one independent source is right: 1 − Π(1 − pₛ), pₛ its best ballot. */
function anyRight<V>(ballots: readonly Ballot<V>[]): number {
  const best = new Map<SourceId, number>();
  for (const b of ballots) best.set(b.source, Math.max(best.get(b.source) ?? 0, reliability(b)));
  const sources = [...best.entries()].sort(([a], [b]) => compareText(a, b));
  return 1 - sources.reduce((p, [, r]) => p * (1 - r), 1);
}

/** Read from the file's path, not stated by any record: filename and folder guesses. */
const PATH_ORIGINS: ReadonlySet<CandidateOrigin> = new Set(['filename', 'folder']);
const isGuess = <V>(ballot: Ballot<V>): boolean => PATH_ORIGINS.has(ballot.origin);

interface Group<V> {
  key: string;
  own: Ballot<V>[];
  supporters: Ballot<V>[];
  /** How many less precise groups this one refines: more precise wins a tie. */
  depth: number;
  score: number;
  priority: number;
}

function compareGroups<V>(a: Group<V>, b: Group<V>): number {
  return (
    b.score - a.score ||
    b.depth - a.depth ||
    (b.own[0]?.weight ?? 0) - (a.own[0]?.weight ?? 0) ||
    a.priority - b.priority ||
    compareText(a.key, b.key)
  );
}

/**
 * The weighted vote over one field's ballots. Ballots are grouped by key; a
 * group's score is the support of its ballots and of the less precise groups
 * it refines ("1895" backs "1895-05-07"). The best score wins; ties go to the
 * more precise group, then the heaviest single ballot, then source priority,
 * then the key: never to arrival order. When a leading source voted, only
 * the groups it backs can win; everything else is counted as usual, so a
 * strong disagreement still lowers the confidence and shows as a conflict.
 * (A more precise value the leader's refines is backed by it, as above.)
 *
 * Confidence = share × anyRight, where share = the winner's support / the
 * support of every group (the winner's counted once with what it refines) and
 * anyRight = 1 − Π(1 − pₛ) over the sources backing the winner, pₛ each
 * source's reliability (see reliability()). Both lie in 0–1, so does their
 * product; another source agreeing raises both, one disagreeing lowers the
 * share. A guess from the path (file or folder name) that differs does not
 * lower the share of a value a record states: file names are often
 * shortened or mangled, and they are no evidence against the record.
 * Calibrated so the figure reads as a person would: a lone OPF title scores
 * 0.8, with Open Library agreeing 1 − 0.2 × 0.2 = 0.96; a title read only
 * from the file name 0.3; an OPF title Open Library disputes at equal weight
 * about 0.4.
 */
export function vote<V>(
  ballots: readonly Ballot<V>[],
  refines: ((fine: string, coarse: string) => boolean) | undefined,
  conflicts: boolean,
): Vote<V> | undefined {
  const byKey = new Map<string, Ballot<V>[]>();
  for (const b of [...ballots].sort(compareBallots)) {
    const list = byKey.get(b.key);
    if (list) list.push(b);
    else byKey.set(b.key, [b]);
  }
  const keys = [...byKey.keys()].sort(compareText);
  const coarser = (key: string): string[] =>
    keys.filter((k) => k !== key && (refines?.(key, k) ?? false));
  const groups: Group<V>[] = keys.map((key) => {
    const own = byKey.get(key) ?? [];
    const backing = coarser(key).flatMap((k) => byKey.get(k) ?? []);
    const supporters = [...own, ...backing];
    return {
      key,
      own,
      supporters,
      depth: coarser(key).length,
      score: support(supporters),
      priority: Math.min(...own.map((b) => b.priority)),
    };
  });
  // A group backed by the leader: its own value, or a more precise one it agrees with.
  const led = groups.filter((g) => g.supporters.some((b) => b.leads && b.weight > 0));
  const top = [...(led.length > 0 ? led : groups)].sort(compareGroups)[0];
  const winner = top?.own[0];
  if (!top || !winner) return undefined;

  const backers = new Set(top.supporters);
  const compatible = (g: Group<V>): boolean =>
    g === top || (refines?.(top.key, g.key) ?? false) || (refines?.(g.key, top.key) ?? false);
  const stated = top.supporters.some((b) => !isGuess(b));
  const rest = groups.filter(
    (g) => !g.own.every((b) => backers.has(b)) && !(stated && g.own.every(isGuess)),
  );
  const total = top.score + rest.reduce((sum, g) => sum + support(g.own), 0);
  const share = total > 0 ? top.score / total : 0;
  const confidence = Math.round(Math.min(1, share * anyRight(top.supporters)) * 10_000) / 10_000;
  const conflict =
    conflicts &&
    groups.some((g) => {
      const weight = support(g.own);
      return !compatible(g) && weight > 0 && weight >= CONFLICT_RATIO * top.score;
    });
  return { winner, supporters: backers, confidence, conflict };
}
