const MAX_NOTICES = 1000;

export type ScanState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ScanNotice {
  path: string;
  message: string;
}

/** A scan's live counters, shown to the user while it runs and kept after. */
export class ScanProgress {
  state: ScanState = 'running';
  readonly startedAt = Date.now();
  finishedAt?: number;
  filesSeen = 0;
  filesRead = 0;
  filesUnchanged = 0;
  filesFailed = 0;
  filesMissing = 0;
  current?: string;
  error?: string;
  /** Set to stop the scan after the file in hand. */
  cancelRequested = false;
  readonly notices: ScanNotice[] = [];
  noticesDropped = 0;

  notice(path: string, message: string): void {
    if (this.notices.length < MAX_NOTICES) this.notices.push({ path, message });
    else this.noticesDropped++;
  }

  toJSON() {
    return {
      state: this.state,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: this.finishedAt ? new Date(this.finishedAt).toISOString() : undefined,
      filesSeen: this.filesSeen,
      filesRead: this.filesRead,
      filesUnchanged: this.filesUnchanged,
      filesFailed: this.filesFailed,
      filesMissing: this.filesMissing,
      current: this.current,
      error: this.error,
      notices: this.notices,
      noticesDropped: this.noticesDropped,
    };
  }
}
