import type { Remote } from 'comlink';
import { toProblem } from '#core/errors';
import type { WorkerPool } from '../pool/worker-pool';
import type { CoverResult } from '../covers/make-cover';
import type { ReaderService } from '../reader/reader-service';
import type { Readers } from './scan-types';

/**
 * The scan's Readers over a pool of reader workers. A worker stopped at its
 * deadline (or lost) fails only its file, which is recorded as a problem.
 */
export function poolReaders(pool: WorkerPool<ReaderService>): Readers {
  const run = <R>(label: string, task: (remote: Remote<ReaderService>) => Promise<R>) =>
    pool.run(label, task);
  return {
    concurrency: pool.capacity,
    read: (file, relPath, format) =>
      run(relPath, (r) => r.read(file, relPath, format)).catch((error: unknown) => ({
        contentKey: null,
        problem: toProblem(error),
      })),
    cover: (file, relPath, format, ref) =>
      // comlink's Remote spreads a union result into a union of promises; it is one promise.
      run(relPath, (r) => r.cover(file, relPath, format, ref) as Promise<CoverResult>).catch(
        (error: unknown) => ({
          kind: 'failed' as const,
          message: toProblem(error).message,
        }),
      ),
  };
}
