import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Request } from 'express';
import type { AgentContext } from '../context';
import { allFolders, folderName } from '../folders/folders';

/** An absolute path on the agent's machine, and what a reader is shown in its place. */
type Replacement = readonly [path: string, shown: string];

function spellings(path: string): string[] {
  try {
    const real = realpathSync(path);
    return real === path ? [path] : [path, real];
  } catch {
    return [path];
  }
}

/**
 * Library roots (removed folders too: the log still names them) and the data
 * folder, each in the spelling it was given and its real path, longest first
 * so a folder inside another is replaced as itself.
 */
function replacementsOf(ctx: Pick<AgentContext, 'db' | 'dataDir'>): Replacement[] {
  const pairs: Replacement[] = [];
  for (const folder of allFolders(ctx.db))
    for (const path of spellings(folder.root)) pairs.push([path, folderName(folder.root)]);
  for (const path of spellings(ctx.dataDir)) pairs.push([path, folderName(ctx.dataDir)]);
  // A root of "/" (refused now, perhaps added before) cannot be replaced without mangling everything.
  return pairs.filter(([path]) => dirname(path) !== path).sort((a, b) => b[0].length - a[0].length);
}

function hide(value: unknown, pairs: readonly Replacement[]): unknown {
  if (typeof value === 'string')
    return pairs.reduce((text, [path, shown]) => text.replaceAll(path, shown), value);
  if (Array.isArray(value)) return value.map((item) => hide(item, pairs));
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, hide(v, pairs)]));
  return value;
}

/**
 * `value` as this session may see it: admins manage the folders and see the
 * agent's absolute paths; for a reader every library root becomes its
 * folder's name (so paths read relative to it) and the data folder its name.
 */
export function pathsShownTo<T>(
  req: Pick<Request, 'session'>,
  ctx: Pick<AgentContext, 'db' | 'dataDir'>,
  value: T,
): T {
  if (req.session?.user.role === 'admin') return value;
  return hide(value, replacementsOf(ctx)) as T;
}
