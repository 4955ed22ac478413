import type { ExistingLookup, PlanOptions } from './plan-types';
import { getProfile, pathKey, type SanitiseProfile } from './sanitise';

/** What every planning step needs: the profile, path identity, and a cached look at the disk. */
export interface PlanContext {
  profile: SanitiseProfile;
  caseInsensitive: boolean;
  /** Safe in a file name: it names the trash folder and temporary files. */
  batchId: string;
  /** Two paths with the same key are one file on the target. */
  key(path: string): string;
  exists(absolutePath: string): false | 'file' | 'dir' | true;
  /** The path as spelled on disk, when the lookup told; else the path asked. */
  spelledOnDisk(absolutePath: string): string;
  /** The path as spelled on disk, or undefined when nothing is there or the lookup did not tell. */
  foundAs(absolutePath: string): string | undefined;
}

export function createContext(options: PlanOptions): PlanContext {
  const profile =
    typeof options.profile === 'string' ? getProfile(options.profile) : options.profile;
  const caseInsensitive = options.caseInsensitive ?? profile.caseInsensitive;
  const batchId =
    (options.batchId ?? 'batch').replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40) || 'batch';
  return {
    profile,
    caseInsensitive,
    batchId,
    key: (path) => pathKey(path, profile, caseInsensitive),
    ...cachedLookup(options.existing),
  };
}

/** The host's lookup may hit a disk or a network share; ask once per path. */
function cachedLookup(
  lookup: ExistingLookup,
): Pick<PlanContext, 'exists' | 'spelledOnDisk' | 'foundAs'> {
  const cache = new Map<string, ReturnType<ExistingLookup>>();
  const ask = (path: string) => {
    let found = cache.get(path);
    if (found === undefined) cache.set(path, (found = lookup(path)));
    return found;
  };
  const foundAs = (path: string) => {
    const found = ask(path);
    return typeof found === 'object' ? found.path : undefined;
  };
  return {
    exists: (path) => {
      const found = ask(path);
      return typeof found === 'object' ? found.kind : found || false;
    },
    spelledOnDisk: (path) => foundAs(path) ?? path,
    foundAs,
  };
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** The absolute form of a relative path; the root is an opaque prefix. */
export function absolute(root: string, relative: string): string {
  return relative ? `${root}/${relative}` : root;
}

export function parentOf(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash === -1 ? '' : relative.slice(0, slash);
}

export function baseName(relative: string): string {
  return relative.slice(relative.lastIndexOf('/') + 1);
}

/** "a/b/c.epub" → ["a", "a/b"]: the folders a move needs. */
export function ancestors(relative: string): string[] {
  const parts = relative.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
