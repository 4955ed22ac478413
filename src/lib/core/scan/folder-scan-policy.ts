import type { FileIndexStore } from './file-index-store';
import { KnownFiles, type FoundVerdict } from './known-files';
import { pickMovedFrom } from './moved-from';
import { countRead, type ReadOutcome, type ScanCounts } from './scan-counts';

/** A file a walk found, as the policy needs it (each host's walk gives more). */
export interface FoundFile {
  /** Path below the folder root, `/`-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
}

/**
 * What a scan of one folder decides, the same on the agent and in the
 * browser: which found files are read, which known file a new one moved
 * from, which files an earlier sitting read are read again because their
 * document was lost, which known files are missing after the walk, and what
 * is counted. The hosts walk, read and write; this holds no file system,
 * reader or database of its own, only the index as `store` hands it over.
 */
export class FolderScanPolicy<Row, F extends FoundFile = FoundFile> {
  private readonly known = new KnownFiles();
  /** Found files an earlier sitting of this run read (their documents are checked). */
  private readonly readEarlier: F[] = [];
  /** Files read again because their document was lost: counted by the sitting that read them first. */
  private readonly recovering = new Set<string>();
  /** Rows claimed as a moved file's old place, by folder and path. */
  private readonly claimed = new Set<string>();

  private constructor(
    private readonly store: FileIndexStore<Row>,
    readonly folder: string,
    /** This run: the store's `seenBy` value for files it read. */
    private readonly run: string | number,
    /** Updated in place: the host saves them with its checkpoints. */
    readonly counts: ScanCounts,
  ) {}

  /** The policy of one folder's scan, with the folder's index as it is now. */
  static async start<Row, F extends FoundFile>(
    store: FileIndexStore<Row>,
    folder: string,
    run: string | number,
    counts: ScanCounts,
  ): Promise<FolderScanPolicy<Row, F>> {
    const policy = new FolderScanPolicy<Row, F>(store, folder, run, counts);
    const known = policy.known;
    await store.eachInFolder(folder, (path, size, mtimeMs, missing, seenBy) =>
      known.add(path, size, mtimeMs, missing, seenBy === run),
    );
    return policy;
  }

  /** The walk found `file`: counted, and 'read' when it is to be read now. */
  found(file: F): FoundVerdict {
    this.counts.seen++;
    const verdict = this.known.meet(file.rel, file.size, file.mtimeMs);
    if (verdict === 'unchanged') this.counts.unchanged++;
    else if (verdict === 'read-earlier') this.readEarlier.push(file);
    return verdict;
  }

  /** True when the index had a file at this path (its row gives the book it is). */
  isKnown(rel: string): boolean {
    return this.known.has(rel);
  }

  /**
   * After the walk: the files an earlier sitting read whose book document was
   * never written (documents are written in batches, rows first), to read
   * again keeping their book. `written` says, for each book id, whether its
   * document is in the catalog.
   */
  async readAgain(
    written: (bookIds: readonly string[]) => Promise<readonly boolean[]>,
  ): Promise<F[]> {
    if (this.readEarlier.length === 0) return [];
    const ids = await this.store.bookIds(
      this.folder,
      this.readEarlier.map((file) => file.rel),
    );
    const present = ids.filter((id): id is string => id !== undefined);
    const found = await written(present);
    const hasDocument = new Set(present.filter((_, i) => found[i] === true));
    const again = this.readEarlier.filter((_, i) => {
      const id = ids[i];
      return id === undefined || !hasDocument.has(id);
    });
    for (const file of again) this.recovering.add(file.rel);
    return again;
  }

  /** Read again after a lost document: its reading is not counted, nor reported, twice. */
  isRecovering(rel: string): boolean {
    return this.recovering.has(rel);
  }

  /**
   * The known file a new file with this content moved from, claimed for it;
   * `isGone` is the host's check that the row's file is no longer at its path.
   */
  async movedFrom(
    contentKey: string | null,
    isGone: (row: Row) => boolean,
  ): Promise<Row | undefined> {
    if (!contentKey) return undefined;
    const candidates = await this.store.withContent(contentKey, this.folder);
    const key = (row: Row) => {
      const place = this.store.placeOf(row);
      return `${place.folder}\0${place.path}`;
    };
    const moved = pickMovedFrom(candidates, isGone, (row) => this.claimed.has(key(row)));
    if (!moved) return undefined;
    this.claimed.add(key(moved));
    const from = this.store.placeOf(moved);
    if (from.folder === this.folder) this.known.claim(from.path);
    return moved;
  }

  /** Counts a file just read (not when it was read again after a lost document). */
  counted(file: F, outcome: Omit<ReadOutcome, 'bytes'>): void {
    if (!this.recovering.has(file.rel)) countRead(this.counts, { ...outcome, bytes: file.size });
  }

  /**
   * After reading: the known files the walk did not find (nor found moved),
   * not missing already, counted as missing. `isGone` is the host's own last
   * check (the agent looks at the disk: a file the walk skipped is not gone).
   */
  missing(isGone: (path: string) => boolean = () => true): string[] {
    const gone = this.known.notMet().filter(isGone);
    this.counts.missing += gone.length;
    return gone;
  }
}
