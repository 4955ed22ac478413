import { wrap, type Remote } from 'comlink';
import type { ReadingChange } from '$lib/db/reading-bridge';
import type { QueryService } from './query-service';
import { booksVersion } from './books-version.svelte';

let remote: Remote<QueryService> | undefined;
let ready: Promise<Remote<QueryService>> | undefined;

/** The query worker, started once per page; resolves when its index is loaded. */
export function queryWorker(): Promise<Remote<QueryService>> {
  ready ??= (async () => {
    const worker = new Worker(new URL('./search.worker.ts', import.meta.url), {
      type: 'module',
      name: 'catalog',
    });
    remote = wrap<QueryService>(worker);
    await remote.start();
    return remote;
  })();
  return ready;
}

/** Tells the worker which books the bridge just changed (no-op until it has started). */
export function booksChanged(ids: string[]): void {
  if (!remote || ids.length === 0) return;
  void ready
    ?.then((r) => r.update(ids))
    .then(() => {
      booksVersion.value++;
    });
}

/** Tells the worker which books' reading states changed (no-op until it has started: it reads them all then). */
export function readingChanged(change: ReadingChange): void {
  if (!remote || (!change.reset && change.books.length === 0)) return;
  void ready
    ?.then((r) => r.updateReading(change))
    .then((changed) => {
      if (changed) booksVersion.value++;
    });
}
