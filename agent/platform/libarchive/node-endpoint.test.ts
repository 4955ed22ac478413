import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeEndpoint } from './node-endpoint';

const ECHO = `require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));`;

describe('comlink endpoint over a worker thread', () => {
  let worker: Worker | undefined;
  afterEach(() => worker?.terminate());

  it('hands every reply to every listener in flight, through one handler on the worker', async () => {
    worker = new Worker(ECHO, { eval: true });
    const endpoint = nodeEndpoint(worker);
    // As comlink does: a listener per call in flight, 30 at once (a reader asking for pages).
    const replies = Array.from(
      { length: 30 },
      (_, i) =>
        new Promise<unknown>((resolve) => {
          const listener = (event: Event) => {
            const data = (event as MessageEvent).data as { id: number };
            if (data.id !== i) return;
            endpoint.removeEventListener?.('message', listener);
            resolve(data);
          };
          endpoint.addEventListener('message', listener);
        }),
    );
    expect(worker.listenerCount('message')).toBe(1);
    for (let i = 0; i < 30; i++) endpoint.postMessage({ id: i });
    expect(await Promise.all(replies)).toEqual(Array.from({ length: 30 }, (_, id) => ({ id })));
  });
});
