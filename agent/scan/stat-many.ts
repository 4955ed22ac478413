import { statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import pMap from 'p-map';

/** A stat that took longer than this came from the disk (or the network), not from the cache. */
const SLOW_STAT_MS = 5;
/** The longest the event loop is held by synchronous stats before it gets a turn. */
const SLICE_MS = 8;
const ASYNC_CONCURRENCY = 32;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Stats many files for a walk. While the file system answers from its cache
 * (a warm rescan: the same 100,000 files as last time), synchronous stats are
 * about three times cheaper than promised ones; they run in slices of a few
 * milliseconds so the agent stays responsive. From the first slow answer on
 * (a cold disk, a network mount) every later stat of the walk is
 * asynchronous, several in flight, so a slow disk never holds the event loop.
 */
export class StatMany {
  private slow = false;

  /** `slowStatMs`: a stat slower than this turns the walk asynchronous (tests pass -1). */
  constructor(private readonly slowStatMs = SLOW_STAT_MS) {}

  /** The stats of `paths`, in order; a file that cannot be stat'ed gives its error. */
  async all(paths: readonly string[]): Promise<(Stats | Error)[]> {
    const out: (Stats | Error)[] = [];
    let sliceStart = performance.now();
    while (!this.slow && out.length < paths.length) {
      const before = performance.now();
      try {
        out.push(statSync(paths[out.length] as string));
      } catch (error) {
        out.push(toError(error));
      }
      const after = performance.now();
      if (after - before > this.slowStatMs) this.slow = true;
      if (after - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    if (out.length === paths.length) return out;
    const rest = await pMap(paths.slice(out.length), (path) => stat(path).catch(toError), {
      concurrency: ASYNC_CONCURRENCY,
    });
    return out.concat(rest);
  }

  /** True once a stat was slow: the walk has switched to asynchronous stats. */
  get async(): boolean {
    return this.slow;
  }
}
