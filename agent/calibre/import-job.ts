import {
  CALIBRE_PROBLEMS_LISTED,
  type CalibreImportSummary,
  type CalibreProblem,
} from '#core/api/calibre';
import type { AgentContext } from '../context';
import type { JobHandler, JobRunner } from '../jobs/runner';
import type { Job } from '../jobs/types';
import type { OperationLog } from '../oplog/operation-log';
import type { ReaderPool } from '../readers/reader-pool';
import { FileIndex } from '../scan/file-index';
import type { ScanPayload } from '../scan/scan-job';
import { giveCalibreCover } from './calibre-covers';
import { writeCalibreDocs } from './calibre-docs';
import { calibrePlace } from './library-folder';
import { linkFiles } from './link-files';
import { readCalibreLibrary } from './read-library';
import { scanFolder } from './scan-folder';

export interface CalibreImportPayload {
  /** The Calibre library folder (or its metadata.db) as the user gave it. */
  path: string;
}

export interface CalibreImportDeps {
  ctx: AgentContext;
  runner: JobRunner;
  oplog: OperationLog;
  readers: ReaderPool;
  coversDir: string;
  /** Queues a scan (the agent's own, so a scan already queued is reused). */
  scan: (payload: ScanPayload) => Job;
}

/** Problems written to the operation log at most, one line each. */
const LOGGED = 1000;

/** The summary in one sentence, as the log and the CLI say it. */
export function summaryLine(s: CalibreImportSummary): string {
  return (
    `Calibre library ${s.library}: ${s.books} books, ${s.imported} imported onto ${s.files} ` +
    `file${s.files === 1 ? '' : 's'} (${s.severalFormats} in several formats), ${s.covers} ` +
    `cover${s.covers === 1 ? '' : 's'}, ${s.notImported} without a file` +
    `${s.removed ? `, ${s.removed} files' Calibre values taken back` : ''}.`
  );
}

/**
 * The import of a Calibre library, as a durable job: reads metadata.db
 * (read-only), makes the library's folder a library folder (or finds the one
 * that holds it), scans it so every format file is cataloged where it is,
 * gives each file its Calibre book's values and cover.jpg, and takes them
 * back from files an earlier import gave them to that Calibre no longer
 * lists. Idempotent: run again after more curation in Calibre, it replaces
 * the Calibre values and leaves the user's edits alone. Nothing in the
 * library is ever written.
 */
export function calibreImportJob(deps: CalibreImportDeps): JobHandler {
  return async (job) => {
    const { ctx, oplog, runner } = deps;
    const path = String(job.job.payload.path ?? '');
    job.progress({ phase: 'reading', done: 0, current: path });
    const library = readCalibreLibrary(path);
    const place = await calibrePlace(ctx, oplog, library.root);

    job.progress({ phase: 'scanning', done: 0, current: place.folder.root });
    const scan = await scanFolder(runner, deps.scan, place.folder.id, job);
    if (!scan) return { interrupted: true };

    const books = library.books.length;
    job.progress({ phase: 'linking', done: 0, total: books });
    const linking = await linkFiles(new FileIndex(ctx.db), place, library.books);
    const removed = await writeCalibreDocs(
      ctx.catalog,
      { folderId: place.folder.id, calibreLibrary: library.id, links: linking.links },
      new Date().toISOString(),
    );

    let covers = 0;
    const coverProblems: CalibreProblem[] = [];
    for (const [i, link] of linking.links.entries()) {
      if (job.shouldStop) return { interrupted: true };
      job.progress({
        phase: 'covers',
        done: i,
        total: linking.links.length,
        current: link.book.title,
      });
      const cover = await giveCalibreCover(
        { catalog: ctx.catalog, readers: deps.readers, coversDir: deps.coversDir },
        place,
        link,
      );
      covers += cover.given;
      if (cover.problem) coverProblems.push(cover.problem);
      await job.breathe();
    }

    const problems = [...linking.notImported, ...linking.fileProblems, ...coverProblems];
    for (const p of problems.slice(0, LOGGED))
      job.log(
        'calibre.problem',
        `${p.file ? `${p.file}: ` : ''}${p.reason}`,
        `#${p.calibreId} ${p.title}`,
      );
    if (problems.length > LOGGED)
      job.log('calibre.problem', `… and ${problems.length - LOGGED} more problems.`);
    const summary: CalibreImportSummary = {
      library: library.root,
      folder: place.folder.id,
      books,
      imported: linking.links.length,
      files: linking.links.reduce((n, l) => n + l.files.length, 0),
      severalFormats: linking.links.filter((l) => l.files.length > 1).length,
      notImported: books - linking.links.length,
      covers,
      removed: removed.length,
      problems: problems.slice(0, CALIBRE_PROBLEMS_LISTED),
      moreProblems: Math.max(0, problems.length - CALIBRE_PROBLEMS_LISTED),
      scan: scan.state,
    };
    job.log('calibre.done', summaryLine(summary), library.root);
    return summary;
  };
}
