import type { Remote } from 'comlink';
import type { QueryService } from './query-service';
import { booksVersion } from './books-version.svelte';
import { queryWorker } from './query-worker';

/**
 * A value the query worker computes (series, authors, dashboard figures),
 * asked again when its key changes (a page's id) or the catalog does.
 * `value` is undefined until the first answer.
 */
export class LiveQuery<T, K = void> {
  value = $state<T | undefined>();

  constructor(
    ask: (worker: Remote<QueryService>, key: K) => Promise<T>,
    key: () => K = () => undefined as K,
  ) {
    $effect(() => {
      const current = key();
      void booksVersion.value;
      let live = true;
      void queryWorker()
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
