import type { Job } from '../jobs/types';

/** What the schedule reads and does; the clock is injected so tests need not wait hours. */
export interface ScanScheduleDeps {
  /** "Scan automatically every N hours" (0: only when asked). */
  intervalHours(): number;
  /** When the latest scan started (ms), or undefined if none ever ran. */
  lastScanStarted(): number | undefined;
  /** Whether there is any library folder to scan. */
  hasFolders(): boolean;
  /** Queues a scan (one already queued or running is kept). */
  scan(): Job;
  now?(): number;
}

/** How often the schedule looks whether a scan is due: a changed setting takes effect within this. */
export const CHECK_EVERY_MS = 60_000;

/**
 * Scans on the user's schedule: a scan is due `intervalHours` after the
 * last one started (by hand, at start-up, or by the schedule), so scanning
 * now by hand pushes the next automatic one back. Checked every minute
 * rather than by one long timer, so a change of the setting, a clock that
 * jumped (a NAS waking from sleep) or a scan started elsewhere are all
 * seen without being told.
 */
export class ScanSchedule {
  private timer?: ReturnType<typeof setInterval>;
  private readonly now: () => number;

  constructor(private readonly deps: ScanScheduleDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
    this.check();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** When the next automatic scan is due (ms), or undefined when none is scheduled. */
  nextDue(): number | undefined {
    const hours = this.deps.intervalHours();
    if (hours <= 0 || !this.deps.hasFolders()) return undefined;
    const last = this.deps.lastScanStarted();
    return last === undefined ? this.now() : last + hours * 3_600_000;
  }

  /** Queues a scan if one is due; returns it. */
  check(): Job | undefined {
    const due = this.nextDue();
    if (due === undefined || due > this.now()) return undefined;
    return this.deps.scan();
  }
}
