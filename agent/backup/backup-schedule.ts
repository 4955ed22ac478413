import { join } from 'node:path';
import type { BackupStatus } from '#core/api/library-care';
import { getSetting, setSetting } from '../db/settings';
import type { Db } from '../db/sqlite';

/** What the schedule reads and does; the clock is injected so tests need not wait days. */
export interface BackupScheduleDeps {
  db: Db;
  /** "Back up every N days to FOLDER" (0 days: off). */
  schedule(): { everyDays: number; folder: string };
  /** Writes one backup into this (new) folder. */
  backup(folder: string): Promise<unknown>;
  log(entry: { kind: string; message: string }): void;
  now?(): number;
}

/** How often the schedule looks whether a backup is due (as the scan schedule does). */
export const CHECK_EVERY_MS = 60_000;
/** After a failed backup (the folder's disk not mounted), the next try is this much later. */
export const RETRY_AFTER_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const STATE = 'last_backup';

interface State {
  /** When the last backup that worked was written (ms). */
  at?: number;
  folder?: string;
  /** The last attempt's failure, and when. */
  error?: string;
  triedAt?: number;
}

/** Each scheduled backup's own folder: `colophon-backup-2026-05-01-0300` inside the chosen one. */
export function backupFolderName(at: number): string {
  const iso = new Date(at).toISOString();
  return `colophon-backup-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/**
 * Backs up on the admin's schedule: due `everyDays` after the last backup
 * that worked (any backup: one asked for by hand pushes the next back), each
 * into a new dated folder inside the chosen one. Checked every minute, like
 * the scan schedule, so a changed setting or a clock that jumped is seen.
 */
export class BackupSchedule {
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly deps: BackupScheduleDeps) {
    this.now = deps.now ?? Date.now;
  }

  private state(): State {
    const raw = getSetting(this.deps.db, STATE);
    return raw ? (JSON.parse(raw) as State) : {};
  }

  /** Notes a backup that worked (scheduled or asked for): the next is due from it. */
  done(folder: string, at = this.now()): void {
    setSetting(this.deps.db, STATE, JSON.stringify({ at, folder } satisfies State));
  }

  status(): BackupStatus {
    const state = this.state();
    const next = this.nextDue();
    return {
      ...(state.at !== undefined && { lastAt: new Date(state.at).toISOString() }),
      ...(state.folder && { lastFolder: state.folder }),
      ...(state.error && { lastError: state.error }),
      ...(next !== undefined && { nextAt: new Date(next).toISOString() }),
    };
  }

  /** When the next backup is due (ms), or undefined while the schedule is off. */
  nextDue(): number | undefined {
    const { everyDays, folder } = this.deps.schedule();
    if (everyDays <= 0 || !folder) return undefined;
    const state = this.state();
    const due = state.at === undefined ? this.now() : state.at + everyDays * DAY_MS;
    return state.triedAt !== undefined && state.error
      ? Math.max(due, state.triedAt + RETRY_AFTER_MS)
      : due;
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
    void this.check();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Backs up if one is due (and none is being written); resolves when it is written or failed. */
  check(): Promise<void> {
    if (this.running) return this.running;
    const due = this.nextDue();
    if (due === undefined || due > this.now()) return Promise.resolve();
    const at = this.now();
    const folder = join(this.deps.schedule().folder, backupFolderName(at));
    this.running = this.deps
      .backup(folder)
      .then(() => {
        this.done(folder, at);
        this.deps.log({ kind: 'backup.done', message: `Backed up the data folder to ${folder}.` });
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        setSetting(
          this.deps.db,
          STATE,
          JSON.stringify({ ...this.state(), error: reason, triedAt: at } satisfies State),
        );
        this.deps.log({
          kind: 'backup.failed',
          message: `The scheduled backup to ${folder} failed: ${reason} It is tried again in an hour.`,
        });
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
