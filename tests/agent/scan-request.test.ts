import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../agent/db/sqlite';
import { JobStore } from '../../agent/jobs/job-store';
import { JobRunner } from '../../agent/jobs/runner';
import { OperationLog } from '../../agent/oplog/operation-log';
import { SCAN_JOB } from '../../agent/scan/scan-job';
import { requestScan } from '../../agent/scan/scan-request';
import { tempDir } from '../support/temp';

describe('asking for a scan while a watched folder’s scan waits or runs (a real SQLite file)', () => {
  const dir = tempDir('scan-request');
  let db: Db;
  let runner: JobRunner;
  /** Lets the running scan end. */
  let release: () => void = () => undefined;
  const scanned: unknown[] = [];

  beforeEach(() => {
    db = openDatabase(join(dir.path, `jobs-${Math.random()}.sqlite`));
    runner = new JobRunner(new JobStore(db), new OperationLog(db));
    scanned.length = 0;
    runner.register(SCAN_JOB, async (ctx) => {
      scanned.push(ctx.job.payload.folders ?? 'all');
      await new Promise<void>((resolve) => (release = resolve));
    });
  });
  afterEach(() => db.close());

  it('widens a waiting scan of one folder to every folder: Scan now scans everything', () => {
    const watched = requestScan(runner, 10, { folders: ['a'] });
    const now = requestScan(runner, 10);
    expect(now.id).toBe(watched.id);
    expect(now.payload).toEqual({});
    // A folder's request is covered by the waiting scan of everything.
    expect(requestScan(runner, 10, { folders: ['b'] }).id).toBe(watched.id);
  });

  it('adds folders to a waiting scan of others', () => {
    requestScan(runner, 10, { folders: ['a'] });
    expect(requestScan(runner, 10, { folders: ['b', 'a'] }).payload).toEqual({
      folders: ['a', 'b'],
    });
  });

  it('queues a scan of everything behind a running scan of one folder, and runs it next', async () => {
    runner.start();
    const running = requestScan(runner, 10, { folders: ['a'] });
    await expect.poll(() => runner.store.get(running.id)?.state).toBe('running');
    const now = requestScan(runner, 10);
    expect(now.id).not.toBe(running.id);
    expect(now.state).toBe('queued');
    expect(now.payload).toEqual({});
    // A running scan that covers what is asked is the answer.
    release();
    await expect.poll(() => runner.store.get(now.id)?.state).toBe('running');
    expect(requestScan(runner, 10, { folders: ['c'] }).id).toBe(now.id);
    release();
    await runner.idle();
    expect(scanned).toEqual([['a'], 'all']);
  });
});
