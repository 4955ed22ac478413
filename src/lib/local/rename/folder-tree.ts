import type { ExistingEntry } from '#core/rename/plan-types';

/**
 * Everything in a picked folder (files and folders, hidden ones too), by
 * path below it: what the rename planner asks about (is a destination
 * taken? what lies beside a book?). Listed once before planning.
 */
export interface FolderTree {
  entries: Map<string, ExistingEntry['kind']>;
  /** Names in each folder ('' for the root). */
  children: Map<string, string[]>;
}

export async function listTree(root: FileSystemDirectoryHandle): Promise<FolderTree> {
  const tree: FolderTree = { entries: new Map(), children: new Map() };
  const stack: { dir: FileSystemDirectoryHandle; rel: string }[] = [{ dir: root, rel: '' }];
  while (stack.length > 0) {
    const { dir, rel } = stack.pop() as { dir: FileSystemDirectoryHandle; rel: string };
    const names: string[] = [];
    for await (const [name, handle] of dir.entries()) {
      const path = rel ? `${rel}/${name}` : name;
      names.push(name);
      tree.entries.set(path, handle.kind === 'directory' ? 'dir' : 'file');
      if (handle.kind === 'directory')
        stack.push({ dir: handle as FileSystemDirectoryHandle, rel: path });
    }
    tree.children.set(rel, names);
  }
  return tree;
}

/** A tree from a list of file paths (a folder imported from a file list). */
export function treeOfPaths(paths: readonly string[]): FolderTree {
  const tree: FolderTree = { entries: new Map(), children: new Map([['', []]]) };
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const here = parts.slice(0, i + 1).join('/');
      if (tree.entries.has(here)) continue;
      const parent = parts.slice(0, i).join('/');
      tree.entries.set(here, i === parts.length - 1 ? 'file' : 'dir');
      const siblings = tree.children.get(parent) ?? [];
      siblings.push(parts[i] as string);
      tree.children.set(parent, siblings);
    }
  }
  return tree;
}
