import type { AgentContext } from '../context';
import type { JobHandler } from '../jobs/runner';

/**
 * One job at a time that walks the library or moves its files: a rename
 * batch or a scan. A scan walking while a batch moves files would meet a book
 * at its old path and again at its new one, and catalog it twice. First
 * come, first served, and nothing holds two, so it cannot deadlock.
 */
export class LibraryLock {
  private tail: Promise<void> = Promise.resolve();
  /** What holds the lock now, for "waiting for the scan…". */
  holder?: string;

  acquire(who: string): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail;
    this.tail = turn.then(() => done);
    return turn.then(() => {
      this.holder = who;
      return () => {
        this.holder = undefined;
        release();
      };
    });
  }
}

const locks = new WeakMap<AgentContext, LibraryLock>();

export function libraryLock(ctx: AgentContext): LibraryLock {
  let lock = locks.get(ctx);
  if (!lock) locks.set(ctx, (lock = new LibraryLock()));
  return lock;
}

/** A job handler that runs only while it holds the library lock. */
export function exclusive(ctx: AgentContext, what: string, handler: JobHandler): JobHandler {
  return async (job) => {
    const lock = libraryLock(ctx);
    if (lock.holder)
      job.progress({
        phase: 'waiting',
        done: 0,
        message: `Waiting for the ${lock.holder} to finish…`,
      });
    const release = await lock.acquire(what);
    try {
      return await handler(job);
    } finally {
      release();
    }
  };
}
