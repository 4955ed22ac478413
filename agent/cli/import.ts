import { calibreImportSummarySchema, CALIBRE_IMPORT_JOB } from '#core/api/calibre';
import { CalibreLibraryError } from '../calibre/library-error';
import { summaryLine } from '../calibre/import-job';
import { resolveDataDir } from '../config';
import type { Job } from '../jobs/types';
import { openForCommand } from './open-agent';
import { parse } from './parse';
import { UsageError } from './usage';

const SOURCES = ['calibre'] as const;

/** The job's progress on a terminal, one line a phase. */
function reporter(): (job: Job) => void {
  let last = '';
  return (job) => {
    if (job.kind !== CALIBRE_IMPORT_JOB || !job.progress?.phase) return;
    const p = job.progress;
    if (p.phase === last) return;
    last = p.phase ?? '';
    console.log(`${last}…${p.current ? ` ${p.current}` : ''}`);
  };
}

/**
 * `colophon import calibre PATH`: imports a Calibre library in the
 * foreground, as the app's import does (the library becomes a library
 * folder, is scanned, and its curated values become the "calibre" source),
 * then prints the summary: exit status 0 when the import finished.
 */
export async function importLibrary(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  const [source, path, ...rest] = positionals;
  if (!source || !SOURCES.includes(source as (typeof SOURCES)[number]))
    throw new UsageError('import needs what to import from: colophon import calibre PATH');
  if (!path || rest.length > 0)
    throw new UsageError(
      'import calibre takes the Calibre library folder: colophon import calibre PATH',
    );
  const agent = await openForCommand(
    resolveDataDir(values.data),
    'Import from the app (Settings → Import from Calibre)',
  );
  try {
    let job: Job;
    try {
      job = agent.calibre.start(path);
    } catch (error) {
      if (error instanceof CalibreLibraryError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
    agent.runner.on('job', reporter());
    agent.runner.start();
    const stop = () => agent.runner.cancel(job.id);
    process.once('SIGINT', stop);
    await agent.runner.idle();
    process.off('SIGINT', stop);

    const finished = agent.runner.store.get(job.id);
    const summary = calibreImportSummarySchema.safeParse(finished?.result);
    if (finished?.state !== 'done' || !summary.success) {
      console.error(
        `Calibre import ${finished?.state ?? 'lost'}: ${finished?.error ?? 'it did not finish.'}`,
      );
      return 1;
    }
    const s = summary.data;
    console.log(summaryLine(s));
    if (s.severalFormats > 0)
      console.log(
        `  ${s.severalFormats} book${s.severalFormats === 1 ? ' has' : 's have'} several formats: each file shows as a book of its own, with the same Calibre values.`,
      );
    if (s.scan !== 'done')
      console.log(`  The scan of the library ${s.scan}: see \`colophon scan\`.`);
    for (const p of s.problems)
      console.log(`  #${p.calibreId} “${p.title}”${p.file ? ` (${p.file})` : ''}: ${p.reason}`);
    if (s.moreProblems > 0) console.log(`  … and ${s.moreProblems} more (see the Jobs page).`);
    return 0;
  } finally {
    await agent.close();
  }
}
