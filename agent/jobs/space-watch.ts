import { freeBytes, freeBytesNow } from '../storage/free-space';

export interface SpacePolicy {
  /** How often free space is measured while the disk is full. */
  checkMs: number;
  /**
   * Try again after this long even when free space did not grow (a quota or
   * SQLite's page limit do not show in it); doubled after each try that
   * found the disk still full, up to `maxRetryMs`.
   */
  retryMs: number;
  maxRetryMs: number;
  /** This much more free than when the disk filled means space has come back. */
  grownBytes: number;
  /**
   * Jobs stop (paused) when the data folder has less free than this, before
   * a write fails: LevelDB, under PouchDB, loses what it is given after a
   * write that found the disk full once it is reopened (its log is left
   * torn), so the catalog is kept from ever meeting a full disk.
   */
  reserveBytes: number;
  /** How often a running job measures the data folder's free space. */
  reserveCheckMs: number;
}

export const DEFAULT_SPACE_POLICY: SpacePolicy = {
  checkMs: 5_000,
  retryMs: 60_000,
  maxRetryMs: 10 * 60_000,
  grownBytes: 4 * 1024 ** 2,
  reserveBytes: 64 * 1024 ** 2,
  reserveCheckMs: 1_000,
};

/**
 * While a disk is full, decides when writing is worth trying again: as soon
 * as a watched file system has `grownBytes` more free than when it filled
 * (and at least `reserveBytes`), else after a wait that grows with each try
 * that found it still full.
 */
export class SpaceWatch {
  private timer?: ReturnType<typeof setTimeout>;
  /** Free bytes under each watched path when it filled (the lowest seen since). */
  private readonly baseline = new Map<string, number>();
  private failedTries = 0;
  private nextTryAt = 0;
  private onTry?: () => void;

  constructor(
    readonly policy: SpacePolicy,
    /** The data folder: space there has come back only with `reserveBytes` free. */
    private readonly reservedPath?: string,
  ) {}

  get watching(): boolean {
    return this.onTry !== undefined;
  }

  /** A write under one of `paths` found the disk full: `onTry` is called once when to try again. */
  full(paths: readonly string[], onTry: () => void): void {
    for (const path of paths) {
      // Measured now, not later: space freed meanwhile must count as freed.
      const free = this.baseline.has(path) ? undefined : freeBytesNow(path);
      if (free !== undefined) this.baseline.set(path, free);
    }
    if (this.onTry) return;
    this.onTry = onTry;
    const { retryMs, maxRetryMs } = this.policy;
    this.nextTryAt = Date.now() + Math.min(maxRetryMs, retryMs * 2 ** this.failedTries);
    this.failedTries++;
    this.schedule();
  }

  /** A write went through: the next full disk starts the waits from the shortest again. */
  recovered(): void {
    this.failedTries = 0;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.onTry = undefined;
    this.baseline.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.policy.checkMs, this.nextTryAt - Date.now()));
    this.timer = setTimeout(() => void this.check(), wait);
    this.timer.unref();
  }

  private async check(): Promise<void> {
    const grown = await this.grown();
    const onTry = this.onTry;
    if (!onTry) return;
    if (!grown && Date.now() < this.nextTryAt) return this.schedule();
    this.onTry = undefined;
    this.baseline.clear();
    onTry();
  }

  private async grown(): Promise<boolean> {
    let grown = false;
    for (const [path, before] of this.baseline) {
      const now = await freeBytes(path);
      if (now === undefined) continue;
      const floor = path === this.reservedPath ? this.policy.reserveBytes : 0;
      if (now >= Math.max(before + this.policy.grownBytes, floor)) grown = true;
      else if (now < before) this.baseline.set(path, now);
    }
    return grown;
  }
}
