import { splitName } from './companions';
import { resolveDestinations } from './destinations';
import { orderMoves } from './order-moves';
import { absolute, baseName, createContext, joinPath, type PlanContext } from './plan-context';
import type {
  Conflict,
  Move,
  PlanBook,
  PlanEntry,
  PlanOptions,
  PlanSummary,
  RenamePlan,
} from './plan-types';
import { prepareUnits, type Unit } from './plan-units';
import { measure } from './sanitise';
import { parseTemplate, type Template } from './template-parser';

export const TRASH_FOLDER = '.colophon-trash';

/**
 * What renaming `books` with the pattern would do, without touching anything:
 * an entry per book (old → new, or why not), the conflicts found and how they
 * were resolved, and `moves`, the exact ordered file moves that carry it out
 * (apply one by one; undo with invertMoves). Same input, same plan.
 */
export function planRename(books: readonly PlanBook[], options: PlanOptions): RenamePlan {
  let template: Template;
  if (typeof options.pattern === 'string') {
    const parsed = parseTemplate(options.pattern);
    if (!parsed.ok)
      return {
        entries: [],
        moves: [],
        conflicts: [],
        summary: summarise([], []),
        patternError: parsed.error,
      };
    template = parsed.template;
  } else template = options.pattern;

  const ctx = createContext(options);
  const units = prepareUnits(books, template, ctx);
  resolveDestinations(units, ctx, options.onConflict);

  const trashTaken = new Set<string>();
  const requests = units.flatMap((unit) =>
    unit.status === 'move' ? unitMoves(unit, ctx, trashTaken) : [],
  );
  const { moves, cycles } = orderMoves(requests, ctx);
  const conflicts: Conflict[] = units.flatMap((u) => u.conflicts);
  const byId = new Map(units.map((u) => [u.book.id, u]));
  for (const cycle of cycles) {
    const bookIds = [...new Set(cycle.map((m) => m.bookId))];
    const message =
      bookIds.length === 2
        ? 'Two books trade places; one goes through a temporary name first.'
        : `${bookIds.length} books trade places in a ring; one goes through a temporary name first.`;
    conflicts.push({
      kind: 'cycle',
      bookIds,
      path: cycle[0]?.to ?? '',
      message,
      resolution: 'temporary',
    });
    for (const id of bookIds) byId.get(id)?.reasons.push(message);
  }

  const entries = [...units].sort((a, b) => a.index - b.index).map(toEntry);
  return { entries, moves, conflicts, summary: summarise(entries, conflicts, moves.length) };
}

/** The unit's replaced files to the trash, then its own files. */
function unitMoves(unit: Unit, ctx: PlanContext, trashTaken: Set<string>): Move[] {
  const bookId = unit.book.id;
  const moves: Move[] = unit.trash.map((rel) => ({
    from: ctx.spelledOnDisk(absolute(unit.root, rel)),
    to: trashPath(unit.root, rel, ctx, trashTaken),
    bookId,
    trash: true,
  }));
  for (const member of unit.members) {
    const move: Move = {
      from: absolute(unit.root, member.from),
      to: absolute(unit.root, member.to),
      bookId,
    };
    if (member.companion) move.companionOf = bookId;
    moves.push(move);
  }
  return moves;
}

/**
 * `<root>/.colophon-trash/<batch>/<the replaced file's path>`, keeping its
 * folders so a user can tell what it was; flat when that is too long.
 */
function trashPath(root: string, rel: string, ctx: PlanContext, taken: Set<string>): string {
  const folder = `${TRASH_FOLDER}/${ctx.batchId}`;
  let wanted = joinPath(folder, rel);
  if (measure(absolute(root, wanted), ctx.profile) > ctx.profile.pathMax)
    wanted = joinPath(folder, baseName(rel));
  const { stem, ext } = splitName(baseName(wanted));
  const dir = wanted.slice(0, wanted.length - baseName(wanted).length);
  for (let n = 0; ; n++) {
    const name = n === 0 ? baseName(wanted) : `${stem} (${n})${ext ? `.${ext}` : ''}`;
    const path = absolute(root, `${dir}${name}`);
    const key = ctx.key(path);
    if (!taken.has(key) && !ctx.exists(path)) {
      taken.add(key);
      return path;
    }
  }
}

function toEntry(unit: Unit): PlanEntry {
  return {
    bookId: unit.book.id,
    folderRoot: unit.book.folderRoot,
    from: unit.from,
    to: unit.status === 'move' ? unit.to : unit.from,
    status: unit.status,
    reasons: unit.reasons,
    emptyTokens: unit.target?.emptyTokens ?? [],
    companions: unit.members.filter((m) => m.companion).map(({ from, to }) => ({ from, to })),
  };
}

function summarise(entries: PlanEntry[], conflicts: Conflict[], moves = 0): PlanSummary {
  const summary: PlanSummary = {
    books: entries.length,
    move: 0,
    unchanged: 0,
    skipped: 0,
    error: 0,
    moves,
    conflicts: {},
  };
  for (const entry of entries) summary[entry.status]++;
  for (const conflict of conflicts)
    summary.conflicts[conflict.kind] = (summary.conflicts[conflict.kind] ?? 0) + 1;
  return summary;
}
