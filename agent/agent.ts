import { join } from 'node:path';
import { openContext, type AgentContext } from './context';
import { coverJob, COVERS_JOB } from './covers/cover-job';
import { CoverStore } from './covers/cover-store';
import { JobStore } from './jobs/job-store';
import { JobRunner } from './jobs/runner';
import type { Job } from './jobs/types';
import { OperationLog } from './oplog/operation-log';
import { ReaderPool } from './readers/reader-pool';
import { SCAN_JOB, scanJob, type ScanPayload } from './scan/scan-job';

/** The agent's services over one data dir: what `serve`, `scan` and the tests share. */
export interface Agent {
  ctx: AgentContext;
  runner: JobRunner;
  oplog: OperationLog;
  covers: CoverStore;
  readers: ReaderPool;
  /** Queues a scan (of some folders, or all); a scan already queued or running is returned instead. */
  scan(payload?: ScanPayload): Job;
  close(): Promise<void>;
}

export const JOB_PRIORITY = { scan: 10, covers: 0 } as const;

export async function openAgent(dataDir: string): Promise<Agent> {
  const ctx = await openContext(dataDir);
  const oplog = new OperationLog(ctx.db);
  const runner = new JobRunner(new JobStore(ctx.db), oplog);
  const covers = new CoverStore(join(dataDir, 'covers'));
  const readers = new ReaderPool();
  const queueCovers = () =>
    runner.enqueue(COVERS_JOB, {}, { uniqueKey: COVERS_JOB, priority: JOB_PRIORITY.covers });
  runner.register(SCAN_JOB, scanJob(ctx, readers, queueCovers));
  runner.register(COVERS_JOB, coverJob(ctx, readers, covers.dir));
  return {
    ctx,
    runner,
    oplog,
    covers,
    readers,
    scan: (payload = {}) =>
      runner.store.active(SCAN_JOB) ??
      runner.enqueue(
        SCAN_JOB,
        { ...payload },
        { uniqueKey: SCAN_JOB, priority: JOB_PRIORITY.scan },
      ),
    async close() {
      await runner.stop();
      await readers.close();
      await ctx.close();
    },
  };
}
