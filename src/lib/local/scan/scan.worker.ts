import { expose } from 'comlink';
import { ScanService } from './scan-service';

// The worker only exposes the service; the service does the work and has the tests.
// Reader workers are started from here (nested workers), so the page's thread only waits.
expose(
  new ScanService(
    () =>
      new Worker(new URL('../reader/reader.worker.ts', import.meta.url), {
        type: 'module',
        name: 'local-reader',
      }),
  ),
);
