import type { Identifier } from '../metadata/types';
import { manualDecision, toBallots, views, type FieldDecision, type Weigh } from './decision';
import { FIELD_KINDS, byScheme } from './field-kinds';
import type { MergeCandidate } from './sources';
import { compareBallots, vote, type Ballot, type Vote } from './vote';

/**
 * Identifiers are voted scheme by scheme: an ISBN from one source and an ASIN
 * from another do not compete, two different ISBNs do. The merged list holds
 * each scheme's winner. Its confidence is the lowest of the schemes' (every
 * identifier shown is at least that sure); a conflict in any scheme is a
 * conflict of the field; a candidate agreed when it agreed in every scheme it
 * named. The source and origin shown are those of the heaviest scheme winner.
 */
export function decideIdentifiers(
  candidates: readonly MergeCandidate[],
  weigh: Weigh,
  manual: Identifier[] | undefined,
): FieldDecision<Identifier[]> | undefined {
  const kind = FIELD_KINDS.identifiers;
  const ballots = toBallots('identifiers', candidates, weigh, (v) => kind.key(v));
  if (manual !== undefined) return manualDecision('identifiers', manual, ballots);

  const parts: { parent: Ballot<Identifier[]>; part: Ballot<Identifier[]> }[] = [];
  for (const parent of ballots)
    for (const [, ids] of byScheme(parent.value)) {
      const key = kind.key(ids);
      if (key !== undefined) parts.push({ parent, part: { ...parent, value: ids, key } });
    }

  const votes: { ballots: Ballot<Identifier[]>[]; result: Vote<Identifier[]> }[] = [];
  for (const [scheme] of byScheme(ballots.flatMap((b) => b.value))) {
    const schemeBallots = parts
      .filter(({ part }) => part.value[0]?.scheme === scheme)
      .map(({ part }) => part);
    const result = vote(schemeBallots, kind.refines, kind.conflicts);
    if (result) votes.push({ ballots: schemeBallots, result });
  }
  const heaviest = votes.map((v) => v.result.winner).sort(compareBallots)[0];
  if (!heaviest) return undefined;

  const backing = new Set(votes.flatMap((v) => [...v.result.supporters]));
  const agreed = (parent: Ballot<Identifier[]>): boolean =>
    parts.every(({ parent: p, part }) => p !== parent || backing.has(part));
  return {
    value: votes.flatMap(({ ballots: all, result: { winner } }) =>
      kind.present(
        winner.value,
        all
          .filter((b) => b.key === winner.key)
          .sort(compareBallots)
          .map((b) => b.value),
        false,
      ),
    ),
    confidence: Math.min(...votes.map((v) => v.result.confidence)),
    source: heaviest.source,
    origin: heaviest.origin,
    candidates: views(ballots, agreed),
    conflict: votes.some((v) => v.result.conflict),
  };
}
