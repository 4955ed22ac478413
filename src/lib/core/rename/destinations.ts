import { absolute, ancestors, joinPath, type PlanContext } from './plan-context';
import type { Conflict, ConflictKind, ConflictPolicy, Resolution } from './plan-types';
import { sameName, type Member, type Unit } from './plan-units';
import { fitStem } from './target';

/** Past this many " (n)" tries the folder is full of look-alikes; better to ask the user. */
const MAX_SUFFIX = 999;

interface Problem {
  kind: Exclude<ConflictKind, 'cycle' | 'too-long' | 'missing-value'>;
  path: string;
  other?: Unit;
  /** The other book stays where it is (unchanged or skipped). */
  stays?: boolean;
  /** What is in the way is a folder: it can be neither overwritten nor trashed. */
  folder?: boolean;
  /** Nothing helps: the way to the destination's folder is blocked by a file. */
  blocked?: boolean;
  /** A suffix cannot help: the name is a companion's own ("cover.jpg"), not the book's stem. */
  fixed?: boolean;
}

interface Outcome {
  reasons: string[];
  conflicts: Conflict[];
}

/** Everything an attempt knows about who goes where. */
interface Claims {
  /** Destinations (and paths of books that stay) → who has them. */
  files: Map<string, { unit: Unit; path: string; stays?: boolean }>;
  /** Folders the accepted moves need → the first unit that needs each. */
  folders: Map<string, Unit>;
  /** Sources that the plan moves away, so a destination there will be free. */
  vacating: Set<string>;
  /** The same sources, as spelled: a host may keep a twin beside one (see inTheWay). */
  leaving: Set<string>;
}

/**
 * Gives every book that wants to move a destination nobody else has, applying
 * the conflict policy. A skipped book stays where it is, which can take a
 * destination another book counted on; so the whole pass is repeated with the
 * skipped books held in place until no more books are skipped (rarely more
 * than two passes; skips only ever grow, so it ends).
 */
export function resolveDestinations(units: Unit[], ctx: PlanContext, policy: ConflictPolicy): void {
  const prepared = new Map(
    units.map((u) => [u, { reasons: [...u.reasons], conflicts: [...u.conflicts] }]),
  );
  const held = new Map<Unit, Outcome>();
  for (;;) {
    for (const unit of units) {
      if (unit.status !== 'move') continue;
      unit.reasons = [...(prepared.get(unit)?.reasons ?? [])];
      unit.conflicts = [...(prepared.get(unit)?.conflicts ?? [])];
      Object.assign(unit, { to: unit.from, members: [], trash: [] });
    }
    const skipped = attempt(units, ctx, policy, held);
    if (skipped.size === 0) break;
    for (const [unit, outcome] of skipped) held.set(unit, outcome);
  }
  for (const unit of units) {
    const outcome = held.get(unit);
    if (outcome) {
      Object.assign(unit, { status: 'skipped', to: unit.from, members: [], trash: [] });
      unit.reasons = [...(prepared.get(unit)?.reasons ?? []), ...outcome.reasons];
      unit.conflicts = [...(prepared.get(unit)?.conflicts ?? []), ...outcome.conflicts];
    } else if (unit.status === 'move' && sameName(unit.from, unit.to, ctx)) {
      // Pushed aside to a free " (n)" that happens to be where it already is.
      Object.assign(unit, { status: 'unchanged', to: unit.from, members: [], trash: [] });
      unit.reasons = [];
      unit.conflicts = [];
    }
  }
}

function attempt(
  units: Unit[],
  ctx: PlanContext,
  policy: ConflictPolicy,
  held: Map<Unit, Outcome>,
) {
  const movers = units.filter((u) => u.status === 'move' && !held.has(u));
  const claims: Claims = {
    files: new Map(),
    folders: new Map(),
    vacating: new Set(),
    leaving: new Set(),
  };
  for (const unit of movers)
    for (const path of sources(unit)) {
      claims.vacating.add(ctx.key(path));
      claims.leaving.add(path);
    }
  for (const unit of units) {
    const stays = unit.status === 'unchanged' || unit.status === 'skipped' || held.has(unit);
    if (!stays) continue;
    for (const path of sources(unit)) {
      const key = ctx.key(path);
      if (!claims.files.has(key)) claims.files.set(key, { unit, path, stays: true });
    }
  }
  const skipped = new Map<Unit, Outcome>();
  for (const unit of movers) {
    const outcome = decide(unit, ctx, policy, claims);
    if (outcome) skipped.set(unit, outcome);
  }
  return skipped;
}

function sources(unit: Unit): string[] {
  return [unit.from, ...unit.companions.map((c) => joinPath(unit.dir, c.companion.name))].map(
    (rel) => absolute(unit.root, rel),
  );
}

/** Finds the unit's destination and claims it; returns why when the unit must stay. */
function decide(
  unit: Unit,
  ctx: PlanContext,
  policy: ConflictPolicy,
  claims: Claims,
): Outcome | undefined {
  const target = unit.target;
  if (!target) return undefined;
  let first: Problem[] = [];
  for (let n = 0; n <= MAX_SUFFIX; n++) {
    const stem = fitStem(target.stem, n, unit.budget, ctx.profile);
    if (stem === undefined) break;
    const members = memberPaths(unit, target.dir, stem, target.ext);
    const problems = findProblems(unit, members, ctx, claims);
    if (n === 0) first = problems;
    if (problems.length === 0) {
      accept(unit, members, [], ctx, claims);
      record(unit, first, n === 0 ? undefined : 'suffix', members[0]?.to ?? '');
      return undefined;
    }
    if (policy === 'skip' || problems.some((p) => p.blocked)) return outcome(unit, first, 'skip');
    const replaceable = problems.every((p) => p.kind === 'exists' && !p.folder);
    // Overwrite only what the pattern itself names; after a suffix, keep suffixing.
    if (policy === 'overwrite' && n === 0 && replaceable) {
      const trash = members.filter((m) =>
        problems.some((p) => p.path === absolute(unit.root, m.to)),
      );
      accept(
        unit,
        members,
        trash.map((m) => m.to),
        ctx,
        claims,
      );
      record(unit, first, 'overwrite', members[0]?.to ?? '');
      return undefined;
    }
    if (problems.some((p) => p.fixed)) return outcome(unit, first, 'skip');
  }
  const result = outcome(unit, first, 'skip');
  result.reasons.push('No free name was found for it within the length limit; rename it by hand.');
  return result;
}

/** The book first, then its companions, named after `stem`. */
function memberPaths(unit: Unit, dir: string, stem: string, ext: string): Member[] {
  return [
    { from: unit.from, to: joinPath(dir, `${stem}.${ext}`), companion: false },
    ...unit.companions.map((c) => ({
      from: joinPath(unit.dir, c.companion.name),
      to: joinPath(dir, c.keep ? c.companion.name : `${stem}${c.rest}`),
      companion: true,
      fixed: c.keep,
    })),
  ];
}

function findProblems(unit: Unit, members: Member[], ctx: PlanContext, claims: Claims): Problem[] {
  const problems: Problem[] = [];
  for (const member of members) {
    const path = absolute(unit.root, member.to);
    const key = ctx.key(path);
    const claim = claims.files.get(key);
    if (claim && claim.unit !== unit) {
      const kind = claim.path === path ? 'same-destination' : 'case-collision';
      problems.push({ kind, path, other: claim.unit, stays: claim.stays, fixed: member.fixed });
    } else if (
      key !== ctx.key(absolute(unit.root, member.from)) &&
      claims.folders.has(key) &&
      claims.folders.get(key) !== unit
    ) {
      problems.push({ kind: 'same-destination', path, other: claims.folders.get(key) });
    } else {
      const found = inTheWay(path, key, ctx, claims);
      if (found)
        problems.push({ kind: 'exists', path, folder: found === 'dir', fixed: member.fixed });
    }
  }
  const book = members[0];
  for (const folder of book ? ancestors(book.to) : []) {
    const path = absolute(unit.root, folder);
    const claim = claims.files.get(ctx.key(path));
    if (claim || ctx.exists(path) === 'file')
      problems.push({
        kind: claim ? 'same-destination' : 'exists',
        path,
        other: claim?.unit,
        blocked: true,
      });
  }
  return problems;
}

/**
 * What is on disk at `path` and stays there. A file the plan moves away (the
 * unit's own, in a case-only rename) frees its name, unless the host keeps a
 * twin beside it that the target would take for the same name ("Dune.epub"
 * beside "dune.epub" on ext4 under the Windows profile): the spelling the
 * lookup answers with tells which one is there.
 */
function inTheWay(
  path: string,
  key: string,
  ctx: PlanContext,
  claims: Claims,
): ReturnType<PlanContext['exists']> {
  const found = ctx.exists(path);
  if (!found || !claims.vacating.has(key)) return found;
  const spelled = ctx.foundAs(path);
  return spelled !== undefined && !claims.leaving.has(spelled) ? found : false;
}

function accept(
  unit: Unit,
  members: Member[],
  trash: string[],
  ctx: PlanContext,
  claims: Claims,
): void {
  for (const member of members) {
    const path = absolute(unit.root, member.to);
    claims.files.set(ctx.key(path), { unit, path });
  }
  for (const folder of ancestors(members[0]?.to ?? '')) {
    const key = ctx.key(absolute(unit.root, folder));
    if (!claims.folders.has(key)) claims.folders.set(key, unit);
  }
  unit.to = members[0]?.to ?? unit.from;
  unit.members = members.filter((m) => m.from !== m.to);
  unit.trash = trash;
}

function outcome(unit: Unit, problems: Problem[], resolution: Resolution): Outcome {
  const conflicts = toConflicts(unit, problems, resolution);
  return { conflicts, reasons: conflicts.map((c) => `${c.message} Skipped.`) };
}

function record(
  unit: Unit,
  problems: Problem[],
  resolution: Resolution | undefined,
  to: string,
): void {
  if (!resolution) return;
  const conflicts = toConflicts(unit, problems, resolution);
  unit.conflicts.push(...conflicts);
  const how =
    resolution === 'suffix'
      ? `Renamed to "${to}".`
      : 'The file in the way goes to the trash folder.';
  unit.reasons.push(...conflicts.map((c) => `${c.message} ${how}`));
}

/** One conflict per kind for a unit, whatever number of its files are involved. */
function toConflicts(unit: Unit, problems: Problem[], resolution: Resolution): Conflict[] {
  const byKind = new Map<Problem['kind'], Problem[]>();
  for (const problem of problems)
    byKind.set(problem.kind, [...(byKind.get(problem.kind) ?? []), problem]);
  return [...byKind].map(([kind, list]) => {
    const others = [...new Set(list.flatMap((p) => (p.other ? [p.other.book.id] : [])))];
    const [firstProblem] = list;
    const path = firstProblem?.path ?? '';
    return {
      kind,
      bookIds: [unit.book.id, ...others.filter((id) => id !== unit.book.id)],
      path,
      message: describe(kind, firstProblem, list.length),
      resolution,
    };
  });
}

function describe(kind: Problem['kind'], problem: Problem | undefined, count: number): string {
  const path = problem?.path ?? '';
  const more = count > 1 ? ` (and ${count - 1} more of its files)` : '';
  if (problem?.blocked)
    return `A file is where the folder "${path}" would be, so nothing can be put in it.`;
  if (kind === 'exists')
    return problem?.folder
      ? `A folder already has the name "${path}".`
      : `"${path}" already exists${more}.`;
  const other = problem?.other ? `"${problem.other.from}"` : 'another book';
  const where = problem?.stays ? 'where it stays' : 'where it goes';
  if (kind === 'case-collision')
    return `"${path}" differs only in letter case from ${other}, ${where}; this file system treats them as one name${more}.`;
  return problem?.stays
    ? `${other} is already at "${path}" and stays${more}.`
    : `${other} goes to "${path}" too${more}.`;
}
