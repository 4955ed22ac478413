import type { Move } from '#core/rename/plan-types';

/**
 * Where each file ends up after `moves` (applied in order), by its original
 * path: a file taken through a temporary name counts once, from its first
 * place to its last. Files that did not move are absent.
 */
export function netMoves(moves: readonly Move[]): Map<string, string> {
  const originOf = new Map<string, string>();
  for (const move of moves) {
    const origin = originOf.get(move.from) ?? move.from;
    originOf.delete(move.from);
    originOf.set(move.to, origin);
  }
  const result = new Map<string, string>();
  for (const [now, origin] of originOf) if (now !== origin) result.set(origin, now);
  return result;
}
