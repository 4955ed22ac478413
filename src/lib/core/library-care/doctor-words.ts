import type { DoctorReport } from '../api/library-care';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const megabytes = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** One finding of a check: what was found, and what a repair would do about it. */
export interface Finding {
  kind: 'missing' | 'unknown' | 'unreadable' | 'covers' | 'journal' | 'catalog' | 'index';
  text: string;
  /** What "Repair" does about it; none when a repair cannot (the admin decides). */
  repair?: string;
}

/** The report in sentences, each with what a repair would do; empty when all is well. */
export function findings(report: DoctorReport): Finding[] {
  const out: Finding[] = [];
  if (report.missingBooks > 0)
    out.push({
      kind: 'missing',
      text: `${count(report.missingBooks, 'book')} ${report.missingBooks === 1 ? 'has' : 'have'} lost ${report.missingBooks === 1 ? 'its file' : 'their files'}: see Missing books to find or remove them.`,
    });
  if (report.unknownFiles.count > 0)
    out.push({
      kind: 'unknown',
      text: `${count(report.unknownFiles.count, 'book file')} in the library folders ${report.unknownFiles.count === 1 ? 'is' : 'are'} not in the catalog.`,
      repair: 'A scan is queued to add them.',
    });
  for (const folder of report.unreadableFolders)
    out.push({
      kind: 'unreadable',
      text: `${folder.folder} could not be checked: ${folder.reason}`,
    });
  if (report.orphanCovers.count > 0)
    out.push({
      kind: 'covers',
      text: `${count(report.orphanCovers.count, 'cover thumbnail')} (${megabytes(report.orphanCovers.bytes)}) in the data folder ${report.orphanCovers.count === 1 ? 'belongs' : 'belong'} to no book.`,
      repair: 'They are deleted (they are copies Colophon made, never your files).',
    });
  const open = report.openJournal.filter((entry) => entry.state !== 'interrupted');
  const stuck = report.openJournal.filter((entry) => entry.state === 'interrupted');
  if (open.length > 0)
    out.push({
      kind: 'journal',
      text: `${count(open.length, 'rename or tidy-up', 'renames or tidy-ups')} ${open.length === 1 ? 'was' : 'were'} left unfinished.`,
      repair: 'They are finished from their journal, as at a restart.',
    });
  for (const entry of stuck)
    out.push({
      kind: 'journal',
      text: `Rename batch ${entry.id} was stopped after repeated restarts: undo it on the Rename page, or rename again.`,
    });
  if (report.notInCatalog.count > 0)
    out.push({
      kind: 'catalog',
      text: `${count(report.notInCatalog.count, 'book')} ${report.notInCatalog.count === 1 ? 'is' : 'are'} in the file index but missing from the catalog your devices sync.`,
      repair: 'Their catalog entries are written again and their files read again.',
    });
  if (report.notInIndex.count > 0)
    out.push({
      kind: 'index',
      text: `${count(report.notInIndex.count, 'book')} in the synced catalog ${report.notInIndex.count === 1 ? 'has' : 'have'} no file the agent knows of, so ${report.notInIndex.count === 1 ? 'it' : 'they'} cannot be opened.`,
      repair:
        'These catalog entries are removed; if their files are still in a library folder, the scan adds them back.',
    });
  return out;
}

/** Whether a repair would change anything. */
export const repairable = (report: DoctorReport): boolean =>
  findings(report).some((finding) => finding.repair !== undefined);
