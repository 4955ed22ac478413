import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDelay } from '../../agent/jobs/backoff';
import { JobStore } from '../../agent/jobs/job-store';
import { JobRunner } from '../../agent/jobs/runner';
import { openDatabase, type Db } from '../../agent/db/sqlite';
import { OperationLog } from '../../agent/oplog/operation-log';
import { tempDir } from '../support/temp';

describe('retryDelay', () => {
  it('grows exponentially with jitter, and is capped', () => {
    expect(retryDelay(1, () => 0)).toBe(1000);
    expect(retryDelay(1, () => 1)).toBe(2000);
    expect(retryDelay(3, () => 1)).toBe(8000);
    expect(retryDelay(30, () => 1)).toBe(600_000);
  });
});

describe('the job queue (a real SQLite file)', () => {
  const dir = tempDir('jobs');
  let db: Db;
  let store: JobStore;
  let oplog: OperationLog;

  beforeEach(() => {
    db = openDatabase(join(dir.path, `jobs-${Math.random()}.sqlite`));
    store = new JobStore(db);
    oplog = new OperationLog(db);
  });
  afterEach(() => db.close());

  it('runs higher priorities first, and one job per kind at a time by default', async () => {
    const runner = new JobRunner(store, oplog);
    const order: string[] = [];
    runner.register('work', async (ctx) => {
      order.push(String(ctx.job.payload.name));
    });
    runner.enqueue('work', { name: 'low' }, { priority: 0 });
    runner.enqueue('work', { name: 'high' }, { priority: 10 });
    runner.enqueue('work', { name: 'mid' }, { priority: 5 });
    runner.start();
    await runner.idle();
    expect(order).toEqual(['high', 'mid', 'low']);
    expect(store.list().every((j) => j.state === 'done')).toBe(true);
  });

  it('keeps one queued job per unique key', () => {
    const runner = new JobRunner(store, oplog);
    runner.register('scan', async () => {});
    const a = runner.enqueue('scan', {}, { uniqueKey: 'scan' });
    const b = runner.enqueue('scan', {}, { uniqueKey: 'scan' });
    expect(b.id).toBe(a.id);
  });

  it('retries a failing job later with backoff, then fails it for good, logging each attempt', async () => {
    const runner = new JobRunner(store, oplog);
    runner.register('flaky', async () => {
      throw new Error('source is down');
    });
    const job = runner.enqueue('flaky', {}, { maxAttempts: 2 });
    runner.start();
    await runner.idle();
    const afterFirst = store.get(job.id);
    expect(afterFirst?.state).toBe('queued');
    expect(afterFirst?.error).toBe('source is down');
    expect(Date.parse(afterFirst?.runAfter ?? '')).toBeGreaterThan(Date.now() + 500);

    // Pretend the backoff has passed.
    db.prepare('UPDATE jobs SET run_after = 0 WHERE id = ?').run(job.id);
    await runner.stop();
    const again = new JobRunner(store, oplog);
    again.register('flaky', async () => {
      throw new Error('still down');
    });
    again.start();
    await again.idle();
    expect(store.get(job.id)?.state).toBe('failed');
    expect(oplog.list({ jobId: job.id }).map((op) => op.kind)).toEqual(['job.failed', 'job.retry']);
  });

  it('tries a failed job again by hand, from its checkpoint, and says when it cannot', async () => {
    const runner = new JobRunner(store, oplog);
    let down = true;
    const resumedFrom: unknown[] = [];
    runner.register('import', async (ctx) => {
      resumedFrom.push(ctx.checkpoint<{ done: number }>()?.done);
      ctx.saveCheckpoint({ done: 7 });
      if (down) throw new Error('the share is gone');
    });
    const job = runner.enqueue('import', {}, { maxAttempts: 1 });
    runner.start();
    await runner.idle();
    expect(store.get(job.id)?.state).toBe('failed');
    expect(() => store.runNext(job.id)).toThrow(/only a waiting job/);

    down = false;
    const again = runner.retry(job.id);
    expect(again).toMatchObject({ state: 'queued', attempts: 0 });
    expect(again.error).toBeUndefined();
    await runner.idle();
    expect(store.get(job.id)?.state).toBe('done');
    expect(resumedFrom).toEqual([undefined, 7]);
    expect(oplog.list({ jobId: job.id }).map((op) => op.kind)).toContain('job.retried');
    expect(() => runner.retry(job.id)).toThrow(/is done: only a failed or cancelled job/);
    await runner.stop();
  });

  it('does not try a unique job again while the same job waits', () => {
    const runner = new JobRunner(store, oplog);
    runner.register('scan', async () => {});
    const first = runner.enqueue('scan', {}, { uniqueKey: 'scan' });
    store.requestCancel(first.id);
    const second = runner.enqueue('scan', {}, { uniqueKey: 'scan' });
    expect(() => runner.retry(first.id)).toThrow(`already waiting or running (#${second.id})`);
  });

  it('moves a waiting job ahead of the others', async () => {
    const runner = new JobRunner(store, oplog);
    const order: string[] = [];
    runner.register('work', async (ctx) => {
      order.push(String(ctx.job.payload.name));
    });
    runner.enqueue('work', { name: 'urgent' }, { priority: 10 });
    runner.enqueue('work', { name: 'soon' }, { priority: 5 });
    const later = runner.enqueue('work', { name: 'later' }, { priority: 0 });
    expect(runner.runNext(later.id).priority).toBe(11);
    runner.start();
    await runner.idle();
    expect(order).toEqual(['later', 'urgent', 'soon']);
    await runner.stop();
  });

  it('cancels a queued job at once and a running one at its next check', async () => {
    const runner = new JobRunner(store, oplog);
    let sawStop = false;
    runner.register('long', async (ctx) => {
      for (let i = 0; i < 500; i++) {
        if (ctx.shouldStop) {
          sawStop = true;
          return { stoppedAt: i };
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    const running = runner.enqueue('long');
    const queued = runner.enqueue('long');
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runner.cancel(queued.id)?.state).toBe('cancelled');
    runner.cancel(running.id);
    await runner.idle();
    expect(sawStop).toBe(true);
    expect(store.get(running.id)?.state).toBe('cancelled');
  });

  it('resumes a job a dead process left running, from its checkpoint', async () => {
    const job = store.enqueue('count', { to: 10 });
    store.claimNext(['count']);
    store.saveCheckpoint(job.id, { reached: 6 });
    // The process died here: the job is still 'running'. A new process starts.
    const runner = new JobRunner(store, oplog);
    const seen: number[] = [];
    runner.register('count', async (ctx) => {
      const from = ctx.checkpoint<{ reached: number }>()?.reached ?? 0;
      for (let i = from; i < 10; i++) {
        seen.push(i);
        ctx.saveCheckpoint({ reached: i + 1 });
      }
      return { counted: seen.length };
    });
    runner.start();
    await runner.idle();
    expect(seen).toEqual([6, 7, 8, 9]);
    expect(store.get(job.id)?.state).toBe('done');
    expect(oplog.list({ jobId: job.id }).some((op) => op.kind === 'job.resumed')).toBe(true);
  });

  it('leaves a job interrupted by shutdown to resume, not cancelled or done', async () => {
    const runner = new JobRunner(store, oplog);
    runner.register('long', async (ctx) => {
      while (!ctx.shouldStop) await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const job = runner.enqueue('long');
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await runner.stop();
    expect(store.get(job.id)?.state).toBe('running');
    expect(store.recoverInterrupted().map((j) => j.id)).toEqual([job.id]);
    expect(store.get(job.id)?.state).toBe('queued');
  });

  it('reports progress while running', async () => {
    const runner = new JobRunner(store, oplog);
    runner.register('progress', async (ctx) => {
      for (let i = 1; i <= 3; i++) ctx.progress({ done: i, total: 3 });
    });
    const events: number[] = [];
    runner.on('job', (j) => j.progress && events.push(j.progress.done));
    const job = runner.enqueue('progress');
    runner.start();
    await runner.idle();
    expect(store.get(job.id)?.progress).toEqual({ done: 3, total: 3 });
    expect(events).toContain(3);
  });
});
