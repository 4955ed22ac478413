import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { poolSize } from './pool-size';
import { WorkerPool } from './worker-pool';

class Echo {
  async echo(value: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return value;
  }
  hang(): Promise<never> {
    return new Promise(() => {});
  }
}

/** A "worker" over a MessageChannel, running the service in this thread. */
function fakeWorker(spawned: { count: number; terminated: number }): () => Worker {
  return () => {
    spawned.count++;
    const { port1, port2 } = new MessageChannel();
    expose(new Echo(), port2 as unknown as Parameters<typeof expose>[1]);
    return Object.assign(port1, {
      terminate: () => {
        spawned.terminated++;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
}

describe('poolSize', () => {
  it.each([
    [undefined, 2],
    [1, 1],
    [4, 4],
    [64, 8],
    [Number.NaN, 2],
  ])('%s cores → %s readers', (cores, want) => expect(poolSize(cores)).toBe(want));
});

describe('WorkerPool', () => {
  it('runs tasks on all its workers, a few at a time each', async () => {
    const spawned = { count: 0, terminated: 0 };
    const pool = new WorkerPool<Echo>(fakeWorker(spawned), 3, 1000, 2);
    const values = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pool.run(`t${i}`, (r) => r.echo(i))),
    );
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(spawned.count).toBe(3);
    expect(pool.capacity).toBe(6);
    pool.close();
  });

  it('replaces a worker stuck past the deadline, fails only that task, and restarts its neighbours', async () => {
    const spawned = { count: 0, terminated: 0 };
    const pool = new WorkerPool<Echo>(fakeWorker(spawned), 1, 100, 2);
    const stuck = pool.run('hostile.pdf', (r) => r.hang());
    const neighbour = pool.run('fine.epub', (r) => r.echo(7));
    const queued = pool.run('next.epub', (r) => r.echo(8));
    await expect(stuck).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/hostile\.pdf/) as string,
    });
    expect(await neighbour).toBe(7);
    expect(await queued).toBe(8);
    expect(spawned).toEqual({ count: 2, terminated: 1 });
    pool.close();
  });
});
