import { wrap, type Remote } from 'comlink';
import type { CatalogService } from './catalog-service';
import { catalogVersion } from './catalog-version.svelte';

let remote: Remote<CatalogService> | undefined;
let ready: Promise<Remote<CatalogService>> | undefined;

/** The catalog worker, started once per page; resolves when its index is loaded. */
export function catalogWorker(): Promise<Remote<CatalogService>> {
  ready ??= (async () => {
    const worker = new Worker(new URL('./search.worker.ts', import.meta.url), {
      type: 'module',
      name: 'catalog',
    });
    remote = wrap<CatalogService>(worker);
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
      catalogVersion.value++;
    });
}
