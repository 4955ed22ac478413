import type { Worker } from 'node:worker_threads';
import type { Endpoint } from 'comlink';

/**
 * comlink's Endpoint over a worker_threads Worker (comlink ships one only as
 * untyped .mjs). comlink adds a listener per call in flight; they hang off one
 * 'message' handler here, so a reader asking for 20 pages at once does not
 * trip Node's MaxListenersExceededWarning on the worker.
 */
export function nodeEndpoint(worker: Worker): Endpoint {
  const listeners = new Set<EventListenerOrEventListenerObject>();
  worker.on('message', (data: unknown) => {
    const event = { data } as MessageEvent;
    for (const listener of [...listeners]) {
      if ('handleEvent' in listener) listener.handleEvent(event);
      else listener(event);
    }
  });
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      worker.postMessage(message, transfer as never),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      listeners.add(listener);
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      listeners.delete(listener);
    },
  };
}
