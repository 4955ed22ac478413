import { wrap, type Remote } from 'comlink';
import { BookFormatError } from '#core/errors';

/** A task as the pool keeps it: how to run it, and how to settle it. */
interface Task<T> {
  label: string;
  run: (remote: Remote<T>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Restarted once already because its worker was replaced for another task. */
  retried: boolean;
}

/** One worker of the pool and the tasks it is running. */
interface Slot<T> {
  worker: Worker;
  remote: Remote<T>;
  running: Set<Task<T>>;
}

/**
 * A fixed number of comlink workers that take tasks in turn, a few at a time
 * each: a reader spends much of a file waiting for the browser to hand it
 * bytes, and a second file keeps its thread busy meanwhile. A task that
 * outlives its deadline (a parser stuck on a hostile file) has its worker
 * terminated and replaced: that task fails with a 'timeout' problem, the
 * other tasks the worker was running start again on another one, and the
 * pool keeps its size.
 */
export class WorkerPool<T> {
  private readonly slots: Slot<T>[] = [];
  private readonly waiting: Task<T>[] = [];
  private closed = false;

  constructor(
    private readonly create: () => Worker,
    readonly size: number,
    private readonly deadlineMs: number,
    /** Tasks each worker runs at once. */
    readonly perWorker = 2,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** How many tasks run at once over the whole pool. */
  get capacity(): number {
    return this.size * this.perWorker;
  }

  /** Runs `task` on a worker with room; `label` names the file in a timeout message. */
  run<R>(label: string, run: (remote: Remote<T>) => Promise<R>): Promise<R> {
    if (this.closed) return Promise.reject(new Error('The reader pool is closed.'));
    return new Promise<R>((resolve, reject) => {
      this.schedule({
        label,
        run,
        resolve: resolve as (value: unknown) => void,
        reject,
        retried: false,
      });
    });
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) slot.worker.terminate();
    this.slots.length = 0;
    this.waiting.length = 0;
  }

  private schedule(task: Task<T>): void {
    const slot = this.slots
      .filter((s) => s.running.size < this.perWorker)
      .sort((a, b) => a.running.size - b.running.size)[0];
    if (slot) this.start(slot, task);
    else this.waiting.push(task);
  }

  private start(slot: Slot<T>, task: Task<T>): void {
    slot.running.add(task);
    const timer = setTimeout(() => {
      slot.running.delete(task);
      task.reject(
        new BookFormatError(
          'timeout',
          `Reading ${task.label} took longer than ${Math.round(this.deadlineMs / 1000)} s and was ` +
            'stopped. The file may be damaged or unusually complex.',
        ),
      );
      this.replace(slot);
    }, this.deadlineMs);
    task.run(slot.remote).then(
      (value) => this.settle(slot, task, timer, () => task.resolve(value)),
      (error: unknown) => this.settle(slot, task, timer, () => task.reject(error)),
    );
  }

  private settle(
    slot: Slot<T>,
    task: Task<T>,
    timer: ReturnType<typeof setTimeout>,
    done: () => void,
  ): void {
    clearTimeout(timer);
    // A task whose worker was replaced has been restarted (or failed) already.
    if (!slot.running.delete(task)) return;
    done();
    const next = this.waiting.shift();
    if (next) this.schedule(next);
  }

  private spawn(): Slot<T> {
    const worker = this.create();
    return { worker, remote: wrap<T>(worker), running: new Set() };
  }

  /** Terminates a stuck worker (and the workers it started) and puts a fresh one in its place. */
  private replace(slot: Slot<T>): void {
    slot.worker.terminate();
    const index = this.slots.indexOf(slot);
    if (index === -1 || this.closed) return;
    const fresh = this.spawn();
    this.slots[index] = fresh;
    const interrupted = [...slot.running];
    slot.running.clear();
    for (const task of interrupted) {
      if (task.retried) {
        task.reject(
          new BookFormatError(
            'unreadable',
            `Reading ${task.label} was interrupted twice by other files that hung the reader; ` +
              'scan the folder again.',
          ),
        );
      } else {
        task.retried = true;
        this.schedule(task);
      }
    }
    while (fresh.running.size < this.perWorker && this.waiting.length > 0) {
      this.start(fresh, this.waiting.shift() as Task<T>);
    }
  }
}
