import type { Job } from '../api/jobs';
import { doctorReportSchema } from '../api/library-care';
import { findings } from '../library-care/doctor-words';

/**
 * What a background job is and what it came to, in sentences a person reads
 * on the Jobs and Scanning pages, never its result's keys ("foldersRemoved 38").
 * Each kind the agent runs has its own words; a kind this build does not know
 * (a newer agent) still reads as words, from the numbers it reported.
 */

type JobLike = Pick<Job, 'kind' | 'state' | 'payload' | 'result' | 'error' | 'attempts'> &
  Partial<Pick<Job, 'maxAttempts'>>;

const NAMES: Record<string, string> = {
  scan: 'Library scan',
  covers: 'Covers',
  rename: 'Rename',
  lookup: 'Metadata lookup',
  'kosync-digests': 'KOReader book ids',
  'calibre-import': 'Calibre import',
  doctor: 'Library check',
  'doctor-repair': 'Library repair',
  backup: 'Backup',
};

/** The job's name: "Library scan", "Undo of a rename". */
export function jobName(job: Pick<Job, 'kind' | 'payload'>): string {
  if (job.kind === 'rename' && job.payload.action === 'undo') return 'Undo of a rename';
  return NAMES[job.kind] ?? job.kind.replace(/[-_]/g, ' ');
}

const STATES: Record<Job['state'], string> = {
  queued: 'Waiting',
  paused: 'Paused',
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The state as a word: "Waiting" rather than "queued". */
export function jobStateWord(state: Job['state']): string {
  return STATES[state];
}

/** "1 file", "38 files". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const num = (result: Record<string, unknown>, key: string): number => {
  const v = result[key];
  return typeof v === 'number' ? v : 0;
};

/** Joins the parts that have something to say: "a, b and c". */
function list(parts: (string | false | undefined)[]): string {
  const said = parts.filter((p): p is string => !!p);
  if (said.length <= 1) return said[0] ?? '';
  return `${said.slice(0, -1).join(', ')} and ${said.at(-1)}`;
}

function scanOutcome(r: Record<string, unknown>): string {
  const seen = num(r, 'seen');
  const details = list([
    num(r, 'read') > 0 && `${num(r, 'read')} read`,
    num(r, 'unchanged') > 0 && `${num(r, 'unchanged')} unchanged`,
    num(r, 'failed') + num(r, 'stillUnreadable') > 0 &&
      `${num(r, 'failed') + num(r, 'stillUnreadable')} could not be read`,
    num(r, 'moved') > 0 && `${num(r, 'moved')} moved`,
    num(r, 'missing') > 0 && `${count(num(r, 'missing'), 'file')} no longer found`,
  ]);
  return `${count(seen, 'file')} looked at${details ? `: ${details}` : ''}.`;
}

function coversOutcome(r: Record<string, unknown>): string {
  const done = num(r, 'done');
  const failed = num(r, 'failed');
  if (done === 0 && failed === 0) return 'Every book already had its cover.';
  return `${count(done, 'cover')} made${failed ? `; ${failed} could not be made from the file` : ''}.`;
}

function renameOutcome(job: JobLike, r: Record<string, unknown>): string {
  const undo = job.payload.action === 'undo';
  if (r.started === false) return `Stopped before any file was ${undo ? 'put back' : 'renamed'}.`;
  if (r.moved === undefined) return `This ${undo ? 'undo' : 'rename'} had already finished.`;
  const moved = num(r, 'moved');
  const sentence = [
    undo
      ? `${count(moved, 'file')} put back under ${moved === 1 ? 'its' : 'their'} old name${moved === 1 ? '' : 's'}`
      : `${count(moved, 'file')} renamed`,
  ];
  if (num(r, 'failed'))
    sentence.push(`${count(num(r, 'failed'), 'file')} could not be moved (see the log)`);
  if (r.stopped === true && num(r, 'planned'))
    sentence.push(`stopped with ${count(num(r, 'planned'), 'file')} still to do`);
  if (num(r, 'foldersRemoved'))
    sentence.push(`${count(num(r, 'foldersRemoved'), 'empty folder')} removed`);
  return `${list(sentence).replace(/^./, (c) => c.toUpperCase())}.`;
}

function lookupOutcome(r: Record<string, unknown>): string {
  if (num(r, 'books') === 0)
    return 'Nothing to look up: no outside source is switched on, or no book asked for.';
  const parts = list([
    num(r, 'applied') > 0 && `${num(r, 'applied')} matched and updated`,
    num(r, 'suggestions') > 0 && `${count(num(r, 'suggestions'), 'suggestion')} to review`,
    num(r, 'covers') > 0 && `${count(num(r, 'covers'), 'cover')} found`,
    num(r, 'skipped') > 0 && `${num(r, 'skipped')} skipped (unreadable or missing files)`,
  ]);
  return `${count(num(r, 'books'), 'book')} looked up${parts ? `: ${parts}` : ''}.`;
}

function digestsOutcome(r: Record<string, unknown>): string {
  const skipped = num(r, 'skipped');
  return `KOReader ids taken for ${count(num(r, 'done'), 'file')}${skipped ? `; ${skipped} left to the next scan` : ''}.`;
}

function calibreOutcome(r: Record<string, unknown>): string {
  const parts = list([
    `${num(r, 'imported')} of ${count(num(r, 'books'), 'book')} imported`,
    num(r, 'covers') > 0 && `${count(num(r, 'covers'), 'cover')}`,
    num(r, 'notImported') > 0 && `${num(r, 'notImported')} came with no file`,
  ]);
  return `${parts.replace(/^./, (c) => c.toUpperCase())}.`;
}

/** What a check found, from the report kept as its result; undefined when it kept none. */
export function checkFindings(job: Pick<Job, 'kind' | 'result'>) {
  const parsed = doctorReportSchema.safeParse(
    job.kind === 'doctor-repair' ? job.result?.after : job.result?.report,
  );
  return parsed.success ? { report: parsed.data, said: findings(parsed.data) } : undefined;
}

function doctorOutcome(job: JobLike): string {
  const found = checkFindings(job);
  if (!found) return '';
  if (found.said.length === 0)
    return 'Nothing is wrong: the catalog, the files and the data folder agree.';
  return `Found ${count(found.said.length, 'thing')} to look at: ${found.said.map((f) => f.text).join(' ')}`;
}

function repairOutcome(job: JobLike, r: Record<string, unknown>): string {
  const done = Array.isArray(r.done) ? r.done.filter((line) => typeof line === 'string') : [];
  const left = checkFindings(job)?.said.length ?? 0;
  return `${done.join(' ')}${left ? ` ${count(left, 'thing')} still to look at (see Scanning).` : ''}`;
}

/** "820 KB", "12.4 MB", "3.1 GB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

function backupOutcome(r: Record<string, unknown>): string {
  if (typeof r.folder !== 'string') return '';
  const removed = num(r, 'removed');
  return `Backed up to ${r.folder} (${sizeInWords(num(r, 'bytes'))})${removed ? `; ${count(removed, 'older backup')} removed, beyond the number kept` : ''}.`;
}

/** Any other kind: its numbers, each named in words. */
function otherOutcome(r: Record<string, unknown>): string {
  const parts = Object.entries(r)
    .filter(([key, v]) => typeof v === 'number' && key !== 'interrupted')
    .map(([key, v]) => `${key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${String(v)}`);
  return parts.length ? `${parts.join(', ')}.` : '';
}

/**
 * What the job came to, as a sentence: the result of a finished job, why one
 * failed or waits to try again, and for a stopped job, how far it got.
 */
export function jobOutcome(job: JobLike): string {
  if (job.state === 'failed') return job.error ?? 'It failed without saying why.';
  if (job.state === 'queued' && job.attempts > 0)
    return `Trying again (attempt ${job.attempts + 1}${job.maxAttempts ? ` of ${job.maxAttempts}` : ''}) after: ${job.error ?? 'an error'}`;
  const r = job.result;
  if (!r) return '';
  let text: string;
  switch (job.kind) {
    case 'scan':
      text = scanOutcome(r);
      break;
    case 'covers':
      text = coversOutcome(r);
      break;
    case 'rename':
      text = renameOutcome(job, r);
      break;
    case 'lookup':
      text = lookupOutcome(r);
      break;
    case 'kosync-digests':
      text = digestsOutcome(r);
      break;
    case 'calibre-import':
      text = calibreOutcome(r);
      break;
    case 'doctor':
      text = doctorOutcome(job);
      break;
    case 'doctor-repair':
      text = repairOutcome(job, r);
      break;
    case 'backup':
      text = backupOutcome(r);
      break;
    default:
      text = otherOutcome(r);
  }
  if (r.interrupted === true) return `Stopped before the end. ${text}`;
  return text;
}
