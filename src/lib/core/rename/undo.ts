import type { Move } from './plan-types';

/**
 * The moves that undo `moves`: the same steps backwards, each reversed. Because
 * the plan never lands on an occupied path, every reversed step lands on a path
 * the forward run had just vacated, so undo is as safe as the run. Temporary
 * and trash steps are reversed like any other (the trashed file comes back).
 */
export function invertMoves(moves: readonly Move[]): Move[] {
  return moves.map((move) => ({ ...move, from: move.to, to: move.from })).reverse();
}
