import { join } from 'node:path';
import type { WalkedFile } from './walk';

/**
 * The files a scan has yet to read, kept as flat arrays rather than the walk's
 * objects: a first scan of 100,000 files held them all (path, relative path,
 * size, date) between discovering and reading, 60 MB of the agent's heap
 * against 15 MB as arrays. The absolute path is joined again when a file is
 * read.
 */
export class PendingFiles {
  private readonly rels: string[] = [];
  private readonly sizes: number[] = [];
  private readonly mtimes: number[] = [];
  /** Bytes of all the files added. */
  bytes = 0;

  constructor(private readonly root: string) {}

  get length(): number {
    return this.rels.length;
  }

  add(file: WalkedFile): void {
    this.rels.push(file.rel);
    this.sizes.push(file.size);
    this.mtimes.push(file.mtimeMs);
    this.bytes += file.size;
  }

  /** The files in the order added, each made only when the reader asks for it. */
  *[Symbol.iterator](): Generator<WalkedFile> {
    for (let i = 0; i < this.rels.length; i++) {
      const rel = this.rels[i] as string;
      yield {
        path: join(this.root, rel),
        rel,
        size: this.sizes[i] as number,
        mtimeMs: this.mtimes[i] as number,
      };
    }
  }
}
