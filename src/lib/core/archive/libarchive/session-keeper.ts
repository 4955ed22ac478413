/** A worker that read an archive up to this size is worth keeping for the next one. */
export const KEEP_WORKER_UP_TO_BYTES = 64 * 1024 * 1024;

/** A libarchive worker session that can be handed from one archive to the next. */
export interface ReusableSession {
  /** False once closed (ended, failed or timed out). */
  readonly usable: boolean;
  /** Names the archive it works on next, for messages. */
  use(name: string): this;
  /** Closes the open archive, keeping the worker and its compiled wasm. */
  reset(): Promise<void>;
  /** Ends the worker, which frees its wasm heap. */
  close(): void;
}

/**
 * Keeps one worker that read a small archive for the next archive: starting
 * one (a worker, libarchive's wasm compiled) costs more than reading a
 * comic's metadata (about 0.2 s of a 0.4 s CBR). The wasm heap never shrinks,
 * so after an archive over `reuseUpToBytes` the worker is ended instead; a
 * worker that failed, timed out or is still busy is never handed on.
 */
export class SessionKeeper<S extends ReusableSession> {
  private idle?: S;

  constructor(
    private readonly start: (name: string) => Promise<S>,
    private readonly reuseUpToBytes: number,
  ) {}

  /** The kept worker when there is one, else a new one. */
  async take(name: string): Promise<S> {
    const kept = this.idle;
    this.idle = undefined;
    if (kept?.usable) return kept.use(name);
    return this.start(name);
  }

  /** Takes a session back once its archive is done with. */
  giveBack(session: S, archiveBytes: number): void {
    if (!session.usable || this.idle || archiveBytes > this.reuseUpToBytes) {
      session.close();
      return;
    }
    session.reset().then(
      () => {
        if (this.idle) session.close();
        else this.idle = session;
      },
      () => session.close(),
    );
  }
}
