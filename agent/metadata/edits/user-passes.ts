/**
 * Passes over users' databases, one at a time, in the order asked: at most
 * one pass waiting per user, since a pass reads everything stored by when it
 * starts, so a burst of replicated writes makes one pass, not one per write.
 * A pass that fails is logged and the next goes on.
 */
export class UserPasses {
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<string>();

  constructor(
    private readonly pass: (userId: string) => Promise<void>,
    /** What a pass does, for the log: "apply metadata edits". */
    private readonly what: string,
  ) {}

  schedule(userId: string): void {
    if (this.pending.has(userId)) return;
    this.pending.add(userId);
    this.queue = this.queue.then(async () => {
      this.pending.delete(userId);
      try {
        await this.pass(userId);
      } catch (error) {
        console.warn(`[colophon] Could not ${this.what} of user ${userId}:`, error);
      }
    });
  }

  /** A pass for each of these users (after a restart, say); settles when all are done. */
  catchUp(userIds: readonly string[]): Promise<void> {
    for (const id of userIds) this.schedule(id);
    return this.idle();
  }

  /** Settles once every pass asked for so far has run. */
  async idle(): Promise<void> {
    let last: Promise<void> | undefined;
    while (last !== this.queue) {
      last = this.queue;
      await last;
    }
  }
}
