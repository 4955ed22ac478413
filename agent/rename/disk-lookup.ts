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

type Kind = ExistingEntry['kind'];

/**
 * What is on disk at a path, for the planner. A symbolic link counts as a
 * file, never a folder, so nothing is ever moved through one to outside the
 * library. On a profile that folds case or normalisation (a Windows share, a
 * Mac volume) the disk is asked as that file system would answer, whatever
 * the host's own file system does: "Dune.epub" is found for "dune.epub", and
 * the answer carries the spelling on disk.
 */
export function diskLookup(options: LookupOptions): ExistingLookup {
  const { profile, caseInsensitive } = options;
  const folds = caseInsensitive || profile.normalisationInsensitive;
  const key = (path: string) => pathKey(path, profile, caseInsensitive);
  const reserved = new Set((options.reserved ?? []).map(key));
  const listings = new Map<string, Map<string, { name: string; kind: Kind }> | null>();

  const list = (dir: string) => {
    let listing = listings.get(dir);
    if (listing === undefined) {
      let found: Dirent[] | undefined;
      try {
        found = readdirSync(dir, { withFileTypes: true });
      } catch {
        found = undefined;
      }
      listing = found
        ? new Map(
            found.map((d) => [
              key(d.name),
              { name: d.name, kind: d.isDirectory() ? ('dir' as const) : ('file' as const) },
            ]),
          )
        : null;
      listings.set(dir, listing);
    }
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

  const folded = (path: string): ExistingEntry | false => {
    const root = options.roots.find((r) => path.startsWith(`${r}/`));
    if (!root) return exact(path);
    let spelled = root;
    const parts = path.slice(root.length + 1).split('/');
    for (let i = 0; i < parts.length; i++) {
      const entry = list(spelled)?.get(key(parts[i] ?? ''));
      if (!entry) return false;
      spelled = `${spelled}/${entry.name}`;
      if (i < parts.length - 1 && entry.kind !== 'dir') return false;
      if (i === parts.length - 1) return { kind: entry.kind, path: spelled };
    }
    return false;
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
