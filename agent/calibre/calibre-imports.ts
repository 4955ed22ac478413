import { CALIBRE_IMPORT_JOB } from '#core/api/calibre';
import type { Job } from '../jobs/types';
import { calibreImportJob, type CalibreImportDeps, type CalibreImportPayload } from './import-job';
import { probeCalibreLibrary } from './read-library';

/** Imports go with scans: a user asked and waits for them. */
const IMPORT_PRIORITY = 10;

/** What a check of a Calibre library found, before anything is imported. */
export interface CalibreCheck {
  library: string;
  books: number;
  /** Format files its books list. */
  files: number;
  /** Of those, files of formats Colophon catalogs. */
  cataloged: number;
}

/**
 * Importing Calibre libraries (registers the `calibre-import` job): checking
 * a path, and queueing an import. Both look into metadata.db first, so a path
 * that is no Calibre library is refused at once, with why (CalibreLibraryError).
 */
export class CalibreImports {
  constructor(private readonly deps: CalibreImportDeps) {
    deps.runner.register(CALIBRE_IMPORT_JOB, calibreImportJob(deps));
  }

  check(path: string): CalibreCheck {
    const { root, ...counts } = probeCalibreLibrary(path);
    return { library: root, ...counts };
  }

  /** Queues an import of the library at `path`; one already queued for it is returned instead. */
  start(path: string): Job {
    const { library } = this.check(path);
    const payload: CalibreImportPayload = { path: library };
    return this.deps.runner.enqueue(
      CALIBRE_IMPORT_JOB,
      { ...payload },
      // A library that is no Calibre library now will not be one on a retry.
      { uniqueKey: `${CALIBRE_IMPORT_JOB}:${library}`, maxAttempts: 1, priority: IMPORT_PRIORITY },
    );
  }
}
