/**
 * Wakes the long-polling `_changes` requests of one database when it changes.
 * One PouchDB live feed per database, however many clients wait: a feed per
 * client would add a listener to the database for each (Node warns past ten,
 * and each costs a leveldb iterator). The feed, once started, follows the
 * database until it closes, so no change falls between two polls.
 */
export class ChangeWaiters {
  private readonly waiting = new Set<() => void>();
  private feed: PouchDB.Core.Changes<object> | undefined;
  /** The handle the feed follows: a store reopened after a full disk gets a new one. */
  private followed: PouchDB.Database | undefined;

  constructor(private readonly db: () => PouchDB.Database) {}

  /** Calls `wake` once, at the next change; the returned function stops waiting. */
  wait(wake: () => void): () => void {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      this.waiting.delete(once);
      wake();
    };
    this.waiting.add(once);
    if (this.followed !== this.db()) {
      this.feed?.cancel();
      this.feed = undefined;
    }
    this.feed ??= this.follow();
    return () => {
      if (done) return;
      done = true;
      this.waiting.delete(once);
    };
  }

  close(): void {
    for (const wake of [...this.waiting]) wake();
    this.feed?.cancel();
    this.feed = undefined;
  }

  private follow(): PouchDB.Core.Changes<object> {
    this.followed = this.db();
    const feed = this.followed.changes({ since: 'now', live: true, return_docs: false });
    const wakeAll = () => {
      for (const wake of [...this.waiting]) wake();
    };
    // The feed is also a promise, settled when it is cancelled: only its events matter.
    void feed.on('change', wakeAll).on('error', (error: unknown) => {
      console.error('[colophon] A database change feed stopped:', error);
      this.feed = undefined;
      wakeAll();
    });
    return feed;
  }
}
