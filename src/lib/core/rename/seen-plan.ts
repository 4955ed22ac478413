import { z } from 'zod';
import type { RenamePlan } from './plan-types';

/** The most books a rename asked offline may move: its request stays under the user-doc size. */
export const MAX_SEEN_MOVES = 1000;

/** One book a preview moved: its file, and the files beside it that move with it. */
export const seenMoveSchema = z.strictObject({
  book: z.string().min(1).max(200),
  from: z.string().min(1).max(1000),
  to: z.string().min(1).max(1000),
  companions: z
    .array(z.strictObject({ from: z.string().max(1000), to: z.string().max(1000) }))
    .max(20)
    .optional(),
});
export type SeenMove = z.infer<typeof seenMoveSchema>;

/** What a preview showed the user would move, book by book (relative paths). */
export function seenMoves(plan: RenamePlan): SeenMove[] {
  return plan.entries
    .filter((entry) => entry.status === 'move')
    .map(({ bookId, from, to, companions }) => ({
      book: bookId,
      from,
      to,
      ...(companions.length > 0 && { companions }),
    }));
}

/** A book id as the browser knows it ("book:<library>:<id>") or as the agent's index does ("<id>"). */
const shortId = (id: string) => id.slice(id.lastIndexOf(':') + 1);

const key = (move: SeenMove) => JSON.stringify([move.from, move.to, move.companions ?? []]);

/**
 * How many books the plan moves otherwise than the preview the user saw:
 * moved elsewhere, moved with other files, moved though not shown, or shown
 * but no longer moved. Zero only when the plan moves exactly what was seen.
 */
export function movesDiffering(seen: readonly SeenMove[], plan: RenamePlan): number {
  const wanted = new Map(seen.map((move) => [shortId(move.book), key(move)]));
  let differ = 0;
  for (const move of seenMoves(plan)) {
    const id = shortId(move.book);
    if (wanted.get(id) !== key(move)) differ++;
    wanted.delete(id);
  }
  return differ + wanted.size;
}

/** The sentence a device shows when the library changed under its preview. */
export function planChangedReason(differ: number): string {
  return `The library changed since this preview (${differ} ${differ === 1 ? 'file differs' : 'files differ'}): preview again.`;
}
