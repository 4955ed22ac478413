import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import type { ExistingEntry, ExistingLookup } from '#core/rename/plan-types';
import { pathKey, type SanitiseProfile } from '#core/rename/sanitise';

export interface LookupOptions {
  profile: SanitiseProfile;
  caseInsensitive: boolean;
  /** Library folder roots: a folding lookup resolves names below them. */
  roots: readonly string[];
  /** Paths the file index still holds for missing books: taken, though nothing is on disk. */
  reserved?: readonly string[];
}

interface Spelled {
  name: string;
  kind: ExistingEntry['kind'];
}

/**
 * What is on disk at a path, for the planner. A symbolic link counts as a
 * file, never a folder, so nothing is ever moved through one to outside the
 * library. On a profile that folds case or normalisation (a Windows share, a
 * Mac volume) the disk is asked as that file system would answer, whatever
 * the host's own file system does: "Dune.epub" is found for "dune.epub", and
 * the answer carries the spelling on disk. The host's disk may still hold
 * twins the target would merge ("Dune/" beside "dune/" on ext4 under the
 * Windows profile): a path is taken when it is taken under any of them.
 */
export function diskLookup(options: LookupOptions): ExistingLookup {
  const { profile, caseInsensitive } = options;
  const folds = caseInsensitive || profile.normalisationInsensitive;
  const key = (path: string) => pathKey(path, profile, caseInsensitive);
  const reserved = new Set((options.reserved ?? []).map(key));
  // Per folder: folded name → every entry spelled so (twins, on a host that tells them apart).
  const listings = new Map<string, Map<string, Spelled[]> | null>();

  const read = (dir: string): Map<string, Spelled[]> | null => {
    let found: Dirent[];
    try {
      found = readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    const listing = new Map<string, Spelled[]>();
    for (const d of found) {
      const twins = listing.get(key(d.name)) ?? [];
      if (twins.length === 0) listing.set(key(d.name), twins);
      twins.push({ name: d.name, kind: d.isDirectory() ? 'dir' : 'file' });
    }
    return listing;
  };

  const list = (dir: string) => {
    let listing = listings.get(dir);
    if (listing === undefined) listings.set(dir, (listing = read(dir)));
    return listing;
  };

  const exact = (path: string): ExistingEntry | false => {
    try {
      const info = lstatSync(path);
      return { kind: info.isDirectory() ? 'dir' : 'file', path };
    } catch {
      return false;
    }
  };

  /** `parts` below the folder `spelled`, through every folder spelled as the target would match. */
  const walk = (spelled: string, parts: readonly string[]): ExistingEntry | false => {
    const [part = '', ...rest] = parts;
    const twins = list(spelled)?.get(key(part)) ?? [];
    // The spelling asked for first: it is where the executor will put the file.
    const ordered = [
      ...twins.filter((t) => t.name === part),
      ...twins.filter((t) => t.name !== part),
    ];
    for (const entry of ordered) {
      const path = `${spelled}/${entry.name}`;
      if (rest.length === 0) return { kind: entry.kind, path };
      const found = entry.kind === 'dir' && walk(path, rest);
      if (found) return found;
    }
    return false;
  };

  const folded = (path: string): ExistingEntry | false => {
    const root = options.roots.find((r) => path.startsWith(`${r}/`));
    return root ? walk(root, path.slice(root.length + 1).split('/')) : exact(path);
  };

  return (path) => {
    const found = folds ? folded(path) : exact(path);
    if (found) return found;
    return reserved.has(key(path)) ? { kind: 'file', path } : false;
  };
}

/** The names of the files in a folder, for the planner's companions; none when unreadable. */
export function siblingsOf(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}
