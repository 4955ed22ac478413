import { merge } from '#core/merge/merge';
import { planRename } from '#core/rename/plan';
import type { ConflictPolicy, ExistingLookup, PlanBook, RenamePlan } from '#core/rename/plan-types';
import type { ProfileName } from '#core/rename/sanitise';
import type { BookDoc } from '#core/schema/book-doc';
import type { FolderTree } from './folder-tree';

/** The opaque root the planner joins paths to; moves come back under it. */
export function planRoot(folderId: string): string {
  return `/${folderId}`;
}

/** The file system the folder most likely lives on: this device's. */
export function guessProfile(platform: string): ProfileName {
  if (/win/i.test(platform)) return 'windows';
  if (/mac|iphone|ipad/i.test(platform)) return 'macos';
  return 'linux';
}

function lookup(root: string, tree: FolderTree): ExistingLookup {
  return (path) => {
    if (path === root) return 'dir';
    if (!path.startsWith(`${root}/`)) return false;
    return tree.entries.get(path.slice(root.length + 1)) ?? false;
  };
}

export interface FolderPlanInput {
  folderId: string;
  books: readonly BookDoc[];
  tree: FolderTree;
  pattern: string;
  profile: ProfileName;
  onConflict: ConflictPolicy;
}

/**
 * The rename plan for a picked folder's books: the core planner, fed the
 * books' merged metadata (as the agent does) and what is in the folder now.
 * Missing books are left out: there is no file to move.
 */
export function planFolder(input: FolderPlanInput): RenamePlan {
  const root = planRoot(input.folderId);
  const books: PlanBook[] = input.books
    .filter((doc) => doc.status !== 'missing')
    .map((doc) => {
      const dir = doc.path.includes('/') ? doc.path.slice(0, doc.path.lastIndexOf('/')) : '';
      return {
        id: doc._id,
        folderRoot: root,
        path: doc.path,
        format: doc.format,
        metadata: merge(doc.extraction?.candidates ?? [], [], {}).metadata,
        siblings: input.tree.children.get(dir) ?? [],
      };
    });
  return planRename(books, {
    pattern: input.pattern,
    profile: input.profile,
    onConflict: input.onConflict,
    existing: lookup(root, input.tree),
    batchId: `b${Date.now().toString(36)}`,
  });
}
