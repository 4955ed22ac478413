import { toCsv, toJson } from '#core/search/export-results';
import { queryWorker } from '$lib/queries/query-worker';

/** Downloads the books with these ids as a CSV or JSON file. */
export async function exportResults(ids: string[], kind: 'csv' | 'json'): Promise<void> {
  const worker = await queryWorker();
  const docs = await worker.docsOf(ids);
  const text = kind === 'csv' ? toCsv(docs) : toJson(docs);
  const blob = new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `colophon-books.${kind}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
