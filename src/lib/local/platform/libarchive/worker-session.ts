import { ComlinkSession } from '#core/archive/libarchive/comlink-session';

/** Starts libarchive.js in a Web Worker (see ComlinkSession for how it is talked to). */
export function startSession(
  workerUrl: string,
  name: string,
  timeoutMs: number,
): Promise<ComlinkSession> {
  const worker = new Worker(workerUrl, { type: 'module', name: 'libarchive' });
  const stopped = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(event.message || 'the worker failed');
    });
  });
  const handle = { endpoint: worker, stopped, terminate: () => worker.terminate() };
  return new ComlinkSession(handle, name, timeoutMs).start();
}
