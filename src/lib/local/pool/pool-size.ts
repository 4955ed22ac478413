/** At most this many readers: past it, memory (pdf.js, wasm heaps) grows faster than speed. */
export const MAX_READERS = 8;

/**
 * How many reader workers to start: one per core the browser reports, within
 * [1, MAX_READERS]. The main thread and the scan coordinator mostly wait, so
 * they do not need a core of their own.
 */
export function poolSize(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency ?? 0) : 0;
  return Math.max(1, Math.min(cores || 2, MAX_READERS));
}
