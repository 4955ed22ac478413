import { createHash } from 'node:crypto';
import { planRename } from '#core/rename/plan';
import type { Move, RenamePlan } from '#core/rename/plan-types';
import { getProfile } from '#core/rename/sanitise';
import type { AgentContext } from '../context';
import { listFolders } from '../folders/folders';
import { diskLookup } from './disk-lookup';
import { FileIndex } from '../scan/file-index';
import type { BookGatherer, GatheredBook } from './gather';
import type { NewJournalEntry, RenameRequest } from './types';

export interface PlannedBatch {
  batchId: string;
  request: RenameRequest;
  plan: RenamePlan;
  /** Identifies the plan exactly: execution refuses a plan that is not the one previewed. */
  hash: string;
  books: GatheredBook[];
}

/** A pattern that does not parse: the message and where, for the editor to mark. */
export class PatternError extends Error {
  override name = 'PatternError';
  constructor(
    message: string,
    readonly position: number,
    readonly end?: number,
  ) {
    super(message);
  }
}

/** The library changed between the preview and the execution. */
export class PlanChangedError extends Error {
  override name = 'PlanChangedError';
  constructor() {
    super(
      'The library changed since the preview (files were added, moved or edited), so the plan is no longer the one shown. Preview again, then rename.',
    );
  }
}

/**
 * Plans a rename of the selection against the disk as it is now. The batch
 * id names the trash folder and temporary files, so the same id over the
 * same library gives the same plan, and the same hash.
 */
export async function planBatch(
  ctx: AgentContext,
  gatherer: BookGatherer,
  request: RenameRequest,
  batchId: string,
): Promise<PlannedBatch> {
  const books = await gatherer.gather(request.selection);
  const profile = getProfile(request.profile);
  const folders = listFolders(ctx.db);
  const roots = folders.map((f) => f.root);
  const rootOf = new Map(folders.map((f) => [f.id, f.root]));
  const reserved = new FileIndex(ctx.db)
    .missing()
    .map((row) => `${rootOf.get(row.folder_id) ?? row.root}/${row.rel_path}`);
  const plan = planRename(
    books.map((b) => b.book),
    {
      pattern: request.pattern,
      profile,
      onConflict: request.onConflict,
      existing: diskLookup({
        profile,
        caseInsensitive: profile.caseInsensitive,
        roots,
        reserved,
      }),
      batchId,
    },
  );
  if (plan.patternError)
    throw new PatternError(
      plan.patternError.message,
      plan.patternError.position,
      plan.patternError.end,
    );
  return { batchId, request, plan, hash: planHash(plan), books };
}

/** SHA-256 over what the plan does: every book's outcome and every move, in order. */
export function planHash(plan: RenamePlan): string {
  const hash = createHash('sha256');
  for (const e of plan.entries)
    hash.update(JSON.stringify([e.bookId, e.from, e.to, e.status, e.companions, e.reasons]) + '\n');
  for (const m of plan.moves) hash.update(JSON.stringify(moveKey(m)) + '\n');
  return hash.digest('hex');
}

function moveKey(m: Move) {
  return [m.from, m.to, m.bookId, m.companionOf ?? '', !!m.trash, !!m.temporary];
}

/** The plan's moves as journal entries, relative to their library folder; refuses any path outside it. */
export function journalEntries(planned: PlannedBatch): NewJournalEntry[] {
  const folderOf = new Map(planned.books.map((b) => [b.book.id, b]));
  return planned.plan.moves.map((move, seq) => {
    const book = folderOf.get(move.bookId);
    if (!book) throw new Error(`The plan moves a file for an unknown book (${move.bookId}).`);
    return {
      seq,
      bookId: move.bookId,
      folderId: book.folderId,
      from: move.from,
      to: move.to,
      fromRel: relativeTo(book.root, move.from),
      toRel: relativeTo(book.root, move.to),
      companion: move.companionOf !== undefined,
      trash: move.trash === true,
      temporary: move.temporary === true,
    };
  });
}

function relativeTo(root: string, path: string): string {
  const rel = path.startsWith(`${root}/`) ? path.slice(root.length + 1) : undefined;
  if (!rel || rel.split('/').some((part) => part === '' || part === '.' || part === '..'))
    throw new Error(`Refusing to move ${path}: it is not inside the library folder ${root}.`);
  return rel;
}
