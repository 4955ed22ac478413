import type { PlanContext } from './plan-context';
import type { Move } from './plan-types';

export interface OrderedMoves {
  moves: Move[];
  /** Each cycle of two or more moves (a swap, a rotation), as requested, before breaking. */
  cycles: Move[][];
}

/**
 * Orders moves so that no move lands on a file that is still there. Every
 * destination is distinct and free or vacated by exactly one other move, so
 * "waits for" forms chains and cycles: a chain runs from its free end back; a
 * cycle (A→B, B→A, or a case-only rename, which waits for itself) first moves
 * one file to a temporary name in its own folder (same file system, so the
 * move stays a rename), then the rest of the cycle, then the temporary file to
 * its place.
 */
export function orderMoves(requests: readonly Move[], ctx: PlanContext): OrderedMoves {
  const bySource = new Map<string, number>();
  // A host that tells apart names the target folds can hold two sources of one key
  // ("Dune.epub", "dune.epub"); a move waits for the one spelled as its destination.
  const byExactSource = new Map<string, number>();
  const used = new Set<string>();
  requests.forEach((move, i) => {
    bySource.set(ctx.key(move.from), i);
    byExactSource.set(move.from, i);
    used.add(ctx.key(move.from));
    used.add(ctx.key(move.to));
  });
  const waitsFor = (move: Move) => byExactSource.get(move.to) ?? bySource.get(ctx.key(move.to));
  let counter = 0;
  const temporaryFor = (from: string): string => {
    const folder = from.slice(0, from.lastIndexOf('/') + 1);
    for (;;) {
      const path = `${folder}.colophon-tmp-${ctx.batchId}-${++counter}`;
      const key = ctx.key(path);
      if (!used.has(key) && !ctx.exists(path)) {
        used.add(key);
        return path;
      }
    }
  };

  const state = new Uint8Array(requests.length); // 0 waiting, 1 on the current walk, 2 placed
  const moves: Move[] = [];
  const cycles: Move[][] = [];
  const at = (i: number): Move => requests[i] as Move;
  for (let i = 0; i < requests.length; i++) {
    if (state[i] !== 0) continue;
    // Follow "my destination is the source of" until a free end, a placed move or a cycle.
    const walk: number[] = [];
    let next: number | undefined = i;
    while (next !== undefined && state[next] === 0) {
      state[next] = 1;
      walk.push(next);
      next = waitsFor(at(next));
    }
    let chainEnd = walk.length;
    if (next !== undefined && state[next] === 1) {
      const start = walk.indexOf(next);
      const cycle = walk.slice(start).map(at);
      chainEnd = start;
      const [head, ...rest] = cycle as [Move, ...Move[]];
      const temporary = temporaryFor(head.from);
      moves.push({ ...head, to: temporary, temporary: true });
      moves.push(...rest.reverse());
      moves.push({ ...head, from: temporary, temporary: true });
      if (cycle.length > 1) cycles.push(cycle);
    }
    for (let j = chainEnd - 1; j >= 0; j--) moves.push(at(walk[j] ?? 0));
    for (const j of walk) state[j] = 2;
  }
  return { moves, cycles };
}
