import { BookFormatError } from '../../errors';

/** One archive's worker as a guarded call needs it: its name, its deadline, how it ends. */
export interface GuardedWorker {
  /** The archive's name, for messages. */
  readonly name: string;
  readonly timeoutMs: number;
  /** Rejects when the worker fails or exits. */
  readonly died: Promise<never>;
  /** Ends the worker (called when a call overruns its deadline). */
  close(): void;
}

/**
 * Runs one call to a libarchive worker, racing the worker dying and a
 * deadline: a hostile archive can fail or stall libarchive, never the scan.
 * On the deadline the worker is ended, which frees its wasm heap.
 */
export async function guardCall<T>(
  worker: GuardedWorker,
  what: string,
  run: () => Promise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new BookFormatError(
          'timeout',
          `Reading ${worker.name} (${what}) took longer than ${Math.round(worker.timeoutMs / 1000)} s ` +
            'and was stopped; the archive may be damaged or built to exhaust the reader.',
        ),
      );
      worker.close();
    }, worker.timeoutMs);
  });
  try {
    return await Promise.race([run(), worker.died, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The error a worker that stopped mid-archive leaves. */
export function workerStopped(name: string, reason: string): BookFormatError {
  return new BookFormatError(
    'unreadable',
    `libarchive stopped while reading ${name} (${reason}); the archive may be damaged.`,
  );
}
