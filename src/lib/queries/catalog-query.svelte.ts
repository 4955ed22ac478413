import type { Remote } from 'comlink';
import type { CatalogService } from './catalog-service';
import { catalogVersion } from './catalog-version.svelte';
import { catalogWorker } from './search-client';

/**
 * A value the catalog worker computes (series, authors, dashboard figures),
 * asked again when its key changes (a page's id) or the catalog does.
 * `value` is undefined until the first answer.
 */
export class CatalogQuery<T, K = void> {
  value = $state<T | undefined>();

  constructor(
    ask: (worker: Remote<CatalogService>, key: K) => Promise<T>,
    key: () => K = () => undefined as K,
  ) {
    $effect(() => {
      const current = key();
      void catalogVersion.value;
      let live = true;
      void catalogWorker()
        .then((worker) => ask(worker, current))
        .then((value) => {
          if (live) this.value = value;
        });
      return () => {
        live = false;
      };
    });
  }
}
