/**
 * What a scan does with a file its walk found, given what the index knew of its path:
 * - 'unchanged': same size and modification time as when last read, not missing: only counted;
 * - 'read-earlier': read by an earlier sitting of this very run (cut short by a kill or a
 *   closed tab): not read again, unless its document was lost (see FolderScanPolicy);
 * - 'read': new, changed, or back after being missing.
 */
export type FoundVerdict = 'unchanged' | 'read-earlier' | 'read';

const MISSING = 1;
const SEEN_THIS_RUN = 2;
const MET = 4;
/** A moved file's old place: its row now stands at the new path. */
const CLAIMED = 8;

/**
 * The files a folder's index held when a scan started, as the walk meets
 * them: flat arrays indexed by a slot per path, not an object per row (a warm
 * rescan of 100,000 files spent a quarter of its time collecting garbage).
 */
export class KnownFiles {
  private readonly slots = new Map<string, number>();
  private readonly sizes: number[] = [];
  private readonly mtimes: number[] = [];
  /** MISSING | SEEN_THIS_RUN | MET | CLAIMED bits, one small integer per file. */
  private readonly flags: number[] = [];

  get size(): number {
    return this.flags.length;
  }

  /** One file of the index; `seenThisRun`: this run read it (or moved it here) already. */
  add(path: string, size: number, mtimeMs: number, missing: boolean, seenThisRun: boolean): void {
    this.slots.set(path, this.flags.length);
    this.sizes.push(size);
    this.mtimes.push(mtimeMs);
    this.flags.push((missing ? MISSING : 0) | (seenThisRun ? SEEN_THIS_RUN : 0));
  }

  has(path: string): boolean {
    return this.slots.has(path);
  }

  /** Records that the walk found `path`, and says what the scan does with it. */
  meet(path: string, size: number, mtimeMs: number): FoundVerdict {
    const slot = this.slots.get(path);
    if (slot === undefined) return 'read';
    const flags = (this.flags[slot] as number) | MET;
    this.flags[slot] = flags;
    if (flags & MISSING) return 'read';
    if (flags & SEEN_THIS_RUN) return 'read-earlier';
    return this.sizes[slot] === size && this.mtimes[slot] === mtimeMs ? 'unchanged' : 'read';
  }

  /** A new file was found to be this one, moved: its old path is not missing. */
  claim(path: string): void {
    const slot = this.slots.get(path);
    if (slot !== undefined) this.flags[slot] = (this.flags[slot] as number) | CLAIMED;
  }

  /** Paths the walk did not meet, not moved away and not missing already: missing now. */
  notMet(): string[] {
    const paths: string[] = [];
    for (const [path, slot] of this.slots) {
      if (((this.flags[slot] as number) & (MISSING | MET | CLAIMED)) === 0) paths.push(path);
    }
    return paths;
  }
}
