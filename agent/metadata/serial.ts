/**
 * Runs tasks one at a time, in the order they were asked for. Metadata writes
 * read a document, change it and write it back (edit, source trust, stats);
 * two of them interleaved at an `await` would lose one change.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // A failed task fails its own caller, never the next task in line.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
