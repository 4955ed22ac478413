import { proxy, wrap, type Remote } from 'comlink';
import { openLocalCatalog } from '$lib/db/local-catalog';
import { CatalogWriter } from '../catalog/catalog-writer';
import type { ScanService } from '../scan/scan-service';
import type { ScanProgress } from '../scan/scan-types';
import type { ScanRun } from '../store/local-db';

let service: Remote<ScanService> | undefined;
let writer: CatalogWriter | undefined;

/** The scan worker, started once per page and kept while the app is open. */
function scanService(): Remote<ScanService> {
  service ??= wrap<ScanService>(
    new Worker(new URL('../scan/scan.worker.ts', import.meta.url), {
      type: 'module',
      name: 'local-scan',
    }),
  );
  return service;
}

/** Writes into the page's PouchDB (see CatalogWriter for why it is this thread's). */
export function catalogWriter(): CatalogWriter {
  writer ??= new CatalogWriter(openLocalCatalog());
  return writer;
}

/** Scans a folder in the worker; progress comes back through `onProgress`. */
export function scanFolder(
  folderId: string,
  onProgress: (progress: ScanProgress) => void,
  files?: File[],
): Promise<ScanRun> {
  return scanService().scan(folderId, proxy(catalogWriter()), proxy(onProgress), files);
}

export async function cancelScan(folderId: string): Promise<void> {
  await scanService().cancel(folderId);
}
