import type { Worker } from 'node:worker_threads';
import type { Endpoint } from 'comlink';

/** comlink's Endpoint over a worker_threads Worker (comlink ships one only as untyped .mjs). */
export function nodeEndpoint(worker: Worker): Endpoint {
  const listeners = new WeakMap<object, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      worker.postMessage(message, transfer as never),
    addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const forward = (data: unknown) => {
        const event = { data } as MessageEvent;
        if ('handleEvent' in listener) listener.handleEvent(event);
        else listener(event);
      };
      worker.on('message', forward);
      listeners.set(listener, forward);
    },
    removeEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => {
      const forward = listeners.get(listener);
      if (forward) worker.off('message', forward);
      listeners.delete(listener);
    },
  };
}
