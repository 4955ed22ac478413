import type { QueryService } from '$lib/queries/query-service';
import type { Remote } from 'comlink';

/** The most books a smart shelf's page lists; the count says how many match in all. */
export const SMART_SHELF_SHOWN = 1000;

/**
 * The books a smart shelf holds now: its search run on the local catalog,
 * by title, as the agent's OPDS feed of it lists them.
 */
export async function smartShelfBooks(worker: Remote<QueryService>, query: string) {
  const result = await worker.query({
    text: query,
    sort: { key: 'title', direction: 'asc' },
    limit: SMART_SHELF_SHOWN,
  });
  return { ids: result.ids, total: result.total, error: result.error?.message };
}
