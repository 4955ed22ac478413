import {
  companionsOf,
  folderCompanionRest,
  indexFolder,
  splitName,
  type Companion,
  type FolderIndex,
} from './companions';
import { absolute, baseName, joinPath, parentOf, type PlanContext } from './plan-context';
import type { Conflict, EntryStatus, PlanBook } from './plan-types';
import { measure } from './sanitise';
import { fitStem, renderTarget, stemBudget, type RenderedTarget } from './target';
import type { Template } from './template-parser';

/** A companion and how its new name is made. */
export interface CompanionTarget {
  companion: Companion;
  /** Keeps its own name ("cover.jpg") in a folder the book has to itself. */
  keep: boolean;
  /** Otherwise: what follows the book's new stem. */
  rest: string;
}

export interface Member {
  from: string;
  to: string;
  companion: boolean;
  /** Keeps its own name whatever the book's stem becomes. */
  fixed?: boolean;
}

/** One book and its companions, as planning goes. Paths are relative to `root`. */
export interface Unit {
  book: PlanBook;
  /** Position in the caller's list: entries come back in that order. */
  index: number;
  /** folderRoot without a trailing '/'. */
  root: string;
  from: string;
  dir: string;
  /** After preparation: 'move' means "wants to move", before conflicts. */
  status: EntryStatus;
  reasons: string[];
  conflicts: Conflict[];
  companions: CompanionTarget[];
  target?: RenderedTarget;
  /** Longest the stem may be (see stemBudget). */
  budget: number;
  /** Decided by resolveDestinations. */
  to: string;
  members: Member[];
  /** Relative paths of files this unit replaces ('overwrite'). */
  trash: string[];
}

/** Units in a fixed order (by path, then id), so the same input always gives the same plan. */
export function prepareUnits(
  books: readonly PlanBook[],
  template: Template,
  ctx: PlanContext,
): Unit[] {
  const units = books.map((book, index) => createUnit(book, index));
  const sortKey = new Map(units.map((u) => [u, ctx.key(absolute(u.root, u.from))]));
  units.sort(
    (a, b) => compare(sortKey.get(a) ?? '', sortKey.get(b) ?? '') || compare(a.book.id, b.book.id),
  );

  const seen = new Map<string, Unit>();
  for (const unit of units) {
    if (unit.status === 'error') continue;
    const key = sortKey.get(unit) ?? '';
    const twin = seen.get(key);
    let why: string | undefined;
    if (twin && twin.from !== unit.from)
      // Two files on a host that tells apart what the target folds (ext4, Windows profile).
      why = `"${unit.from}" and "${twin.from}" are one name on ${ctx.profile.name}, so only "${twin.from}" is planned; rename one of them by hand, or pick the profile of this disk.`;
    else if (twin) why = `"${unit.from}" is listed twice in this selection; it is planned once.`;
    else if (!ctx.exists(absolute(unit.root, unit.from)))
      why = `"${unit.from}" is no longer in the library folder; rescan it before renaming.`;
    if (why) fail(unit, why);
    else seen.set(key, unit);
  }
  const valid = units.filter((u) => u.status !== 'error');
  attachCompanions(valid, ctx);
  for (const unit of valid) unit.target = renderTarget(template, bookInput(unit), ctx.profile);
  spellFoldersAsFound(valid, ctx);
  fitTargets(valid, ctx);
  return units;
}

function createUnit(book: PlanBook, index: number): Unit {
  const unit: Unit = {
    book,
    index,
    root: book.folderRoot.replace(/\/+$/, ''),
    from: book.path,
    dir: parentOf(book.path),
    status: 'move',
    reasons: [],
    conflicts: [],
    companions: [],
    budget: 0,
    to: book.path,
    members: [],
    trash: [],
  };
  const problem = invalidPath(book.path);
  if (problem) fail(unit, problem);
  return unit;
}

function invalidPath(path: string): string | undefined {
  if (!path) return 'The book has no path; rescan its folder.';
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path))
    return `"${path}" is absolute; a book's path must be relative to its library folder.`;
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..'))
    return `"${path}" has an empty, "." or ".." folder; it cannot be planned safely.`;
  return undefined;
}

function fail(unit: Unit, reason: string): void {
  unit.status = 'error';
  unit.reasons.push(reason);
}

function bookInput(unit: Unit) {
  const ext = splitName(baseName(unit.from)).ext;
  return { metadata: unit.book.metadata, format: unit.book.format, ext: ext || unit.book.format };
}

/** Finds companions; one shared by two books (Dune.epub and Dune.pdf share Dune.jpg) goes with the first. */
function attachCompanions(units: Unit[], ctx: PlanContext): void {
  const names = new Map<string, { names: string[]; lists: Set<readonly string[]> }>();
  const folderKey = (u: Unit) => ctx.key(absolute(u.root, u.dir));
  for (const unit of units) {
    const key = folderKey(unit);
    let folder = names.get(key);
    if (!folder) names.set(key, (folder = { names: [], lists: new Set() }));
    folder.names.push(baseName(unit.from));
    // Hosts usually hand every book of a folder the same listing: read it once.
    const siblings = unit.book.siblings ?? [];
    if (!folder.lists.has(siblings)) {
      folder.lists.add(siblings);
      folder.names.push(...siblings);
    }
  }
  const indexes = new Map<string, FolderIndex>();
  const taken = new Set<string>();
  for (const unit of units) {
    const key = folderKey(unit);
    let index = indexes.get(key);
    if (!index)
      indexes.set(key, (index = indexFolder(names.get(key)?.names ?? [], ctx.caseInsensitive)));
    for (const companion of companionsOf(baseName(unit.from), index, ctx.caseInsensitive)) {
      const path = absolute(unit.root, joinPath(unit.dir, companion.name));
      const companionKey = ctx.key(path);
      if (taken.has(companionKey) || !ctx.exists(path)) continue;
      taken.add(companionKey);
      unit.companions.push({ companion, keep: false, rest: companion.rest });
    }
  }
}

/**
 * On a target that folds case (or normalisation), a folder is one folder
 * however it is spelled, and moving a file into it does not respell it. So
 * destination folders take the spelling already seen: from the books' current
 * paths, else from the disk, else from the first book planned into them.
 * Entries then show the paths as they will be on disk, and a host that tells
 * spellings apart gets no "dune/" beside "Dune/".
 */
function spellFoldersAsFound(units: Unit[], ctx: PlanContext): void {
  if (!ctx.caseInsensitive && !ctx.profile.normalisationInsensitive) return;
  const spelling = new Map<string, string>();
  const spell = (root: string, dir: string, onDisk: boolean): string => {
    let out = '';
    for (const part of dir ? dir.split('/') : []) {
      const path = absolute(root, joinPath(out, part));
      const key = ctx.key(path);
      let known = spelling.get(key);
      if (known === undefined) {
        const found = onDisk && ctx.exists(path) === 'dir' ? ctx.spelledOnDisk(path) : path;
        known = joinPath(out, baseName(found));
        spelling.set(key, known);
      }
      out = known;
    }
    return out;
  };
  for (const unit of units) spell(unit.root, unit.dir, false);
  for (const unit of units)
    if (unit.target) unit.target.dir = spell(unit.root, unit.target.dir, true);
}

/**
 * Decides folder companions' names, the stem's length budget and the first
 * destination; books that cannot be named (no value, too long) are skipped here.
 */
function fitTargets(units: Unit[], ctx: PlanContext): void {
  const perDestination = new Map<string, number>();
  const dirKey = (u: Unit) => ctx.key(absolute(u.root, u.target?.dir ?? u.dir));
  for (const unit of units)
    perDestination.set(dirKey(unit), (perDestination.get(dirKey(unit)) ?? 0) + 1);

  for (const unit of units) {
    const target = unit.target;
    if (!target) continue;
    const all = unit.companions.map((c) => c.companion);
    for (const entry of unit.companions) {
      if (entry.companion.kind !== 'folder') continue;
      entry.keep = target.dir !== '' && perDestination.get(dirKey(unit)) === 1;
      entry.rest = entry.keep ? '' : folderCompanionRest(entry.companion, all, ctx.caseInsensitive);
    }
    const dirAbsolute = absolute(unit.root, target.dir);
    const rests = [`.${target.ext}`, ...unit.companions.filter((c) => !c.keep).map((c) => c.rest)];
    unit.budget = stemBudget(dirAbsolute, rests, ctx.profile);
    const abs = (rel: string) => absolute(unit.root, rel);
    const empty = target.missingTokens.length > 0 ? target.missingTokens : target.emptyTokens;
    const emptyPattern = `\${${empty.join('}, ${')}}`;

    if (target.stem === '') {
      const why =
        empty.length > 0
          ? `No value for ${emptyPattern}: the file would have no name. Fill in the metadata or change the pattern.`
          : `The file name is empty once made safe for ${ctx.profile.name}; correct the metadata or change the pattern.`;
      skip(unit, 'missing-value', 'skip', abs(unit.from), why);
      continue;
    }
    const stem = fitStem(target.stem, 0, unit.budget, ctx.profile);
    const keptTooLong = unit.companions.some(
      (c) =>
        c.keep && measure(`${dirAbsolute}/${c.companion.name}`, ctx.profile) > ctx.profile.pathMax,
    );
    if (stem === undefined || keptTooLong) {
      skip(
        unit,
        'too-long',
        'skip',
        abs(target.dir),
        `The folder "${target.dir}" leaves no room for a file name within the ${ctx.profile.name} path limit; shorten the pattern.`,
      );
      continue;
    }
    unit.to = joinPath(target.dir, `${stem}.${target.ext}`);
    if (sameName(unit.from, unit.to, ctx)) {
      unit.status = 'unchanged';
      unit.to = unit.from;
      continue;
    }
    if (stem !== target.stem || target.folderTruncated)
      note(
        unit,
        'too-long',
        'truncate',
        abs(unit.to),
        `The name was shortened to fit the ${ctx.profile.name} limits: "${unit.to}".`,
      );
    if (target.missingTokens.length > 0)
      note(
        unit,
        'missing-value',
        'omit',
        abs(unit.to),
        `No value for ${emptyPattern}; left out of the name.`,
      );
  }
}

/** Equal names; on a normalisation-insensitive target an NFD name equals its NFC form (no churn). */
export function sameName(a: string, b: string, ctx: PlanContext): boolean {
  return (
    a === b || (ctx.profile.normalisationInsensitive && a.normalize('NFC') === b.normalize('NFC'))
  );
}

function note(
  unit: Unit,
  kind: Conflict['kind'],
  resolution: Conflict['resolution'],
  path: string,
  message: string,
) {
  unit.conflicts.push({ kind, bookIds: [unit.book.id], path, message, resolution });
  unit.reasons.push(message);
}

function skip(
  unit: Unit,
  kind: Conflict['kind'],
  resolution: Conflict['resolution'],
  path: string,
  message: string,
) {
  note(unit, kind, resolution, path, message);
  unit.status = 'skipped';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
