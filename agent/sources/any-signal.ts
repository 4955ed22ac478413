/**
 * One signal that aborts when any of `signals` does, with its listeners
 * removed by `dispose`. Not AbortSignal.any: on Node 20 a signal made by it
 * stays referenced from long-lived sources (cockatiel passes one shared
 * never-aborted signal to every call), so each request would leak a little.
 */
export function anySignal(signals: readonly AbortSignal[]): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal | null)?.reason);
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
    },
  };
}
