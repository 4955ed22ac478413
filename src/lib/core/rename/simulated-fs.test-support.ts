import type { Move } from './plan-types';

/**
 * A file system as a Map, for tests: files only (folders exist while they hold
 * files), with the target's idea of "same name" (case, normalisation) as the
 * key. A move refuses to land on anything, as a journaled executor must.
 */
export class SimulatedFs {
  private readonly files = new Map<string, { path: string; content: string }>();
  private readonly folders = new Map<string, number>();

  constructor(
    private readonly key: (path: string) => string,
    files: Record<string, string> = {},
  ) {
    for (const [path, content] of Object.entries(files)) this.add(path, content);
  }

  add(path: string, content: string): void {
    if (this.exists(path)) throw new Error(`${path} exists`);
    this.files.set(this.key(path), { path, content });
    for (const folder of folderKeys(this.key(path)))
      this.folders.set(folder, (this.folders.get(folder) ?? 0) + 1);
  }

  private remove(path: string): string {
    const key = this.key(path);
    const file = this.files.get(key);
    if (!file) throw new Error(`move from ${path}: nothing there`);
    this.files.delete(key);
    for (const folder of folderKeys(key)) {
      const left = (this.folders.get(folder) ?? 0) - 1;
      if (left > 0) this.folders.set(folder, left);
      else this.folders.delete(folder);
    }
    return file.content;
  }

  readonly exists = (path: string): false | 'file' | 'dir' => {
    const key = this.key(path);
    if (this.files.has(key)) return 'file';
    return this.folders.has(key) ? 'dir' : false;
  };

  /** As exists, with the name as stored (a case-insensitive disk keeps the first spelling). */
  readonly lookup = (path: string): false | { kind: 'file' | 'dir'; path: string } => {
    const key = this.key(path);
    const file = this.files.get(key);
    if (file) return { kind: 'file', path: file.path };
    if (!this.folders.has(key)) return false;
    // A folder is spelled as the path of a file in it is.
    const inside = [...this.files.values()].find((f) => this.key(f.path).startsWith(`${key}/`));
    const depth = path.split('/').length;
    return { kind: 'dir', path: (inside?.path ?? path).split('/').slice(0, depth).join('/') };
  };

  move(move: Move): void {
    if (this.exists(move.to))
      throw new Error(`move onto an existing ${this.exists(move.to)}: ${move.from} → ${move.to}`);
    for (const folder of folderPaths(move.to))
      if (this.files.has(this.key(folder))) throw new Error(`move under a file: ${move.to}`);
    this.add(move.to, this.remove(move.from));
  }

  apply(moves: readonly Move[]): void {
    for (const move of moves) this.move(move);
  }

  /** Names in a folder, as a host would list them for `siblings`. */
  list(folder: string): string[] {
    const prefix = `${folder}/`;
    return [...this.files.values()]
      .map((f) => f.path)
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
  }

  /** path → content, sorted: two trees are equal when their snapshots are. */
  snapshot(): Record<string, string> {
    const entries = [...this.files.values()].map((f) => [f.path, f.content] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  contentAt(path: string): string | undefined {
    return this.files.get(this.key(path))?.content;
  }
}

function folderPaths(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1, -1).map((_, i) => parts.slice(0, i + 2).join('/'));
}

function folderKeys(key: string): string[] {
  return folderPaths(key);
}
