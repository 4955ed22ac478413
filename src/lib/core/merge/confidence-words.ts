import type { CandidateView, FieldDecision } from './decision';
import { sourceWords } from './source-words';
import type { CandidateOrigin } from './sources';

/**
 * Why a field's confidence is what it is, in one sentence for the figure's
 * tooltip on the book page: who states the value, who agrees, who disagrees.
 * "Stated by the file’s metadata (OPF); no source disagrees."
 */
export function confidenceWords(decision: FieldDecision<unknown>): string {
  if (decision.origin === 'user') return 'You set this value yourself.';
  const agreeing = others(decision, (c) => c.agreed);
  const disagreeing = others(
    decision,
    (c) => !c.agreed && (isGuess(decision.origin) || !isGuess(c.origin)),
  );
  const parts = [statedBy(decision.origin)];
  if (agreeing.length > 0)
    parts.push(`${list(agreeing)} ${agreeing.length > 1 ? 'agree' : 'agrees'}`);
  parts.push(
    disagreeing.length > 0
      ? `${list(disagreeing)} ${disagreeing.length > 1 ? 'give' : 'gives'} another value`
      : 'no source disagrees',
  );
  return `${parts.join('; ')}.`;
}

/** The short name of each record a file carries, as "the file’s metadata (…)" says it. */
const RECORD_NAMES: Record<string, string> = {
  'embedded:opf': 'OPF',
  'embedded:exth': 'MOBI EXTH',
  'embedded:mobi-header': 'MOBI header',
  'embedded:pdf-info': 'PDF Info',
  'embedded:xmp': 'XMP',
  'embedded:comicinfo': 'ComicInfo.xml',
  'embedded:metroninfo': 'MetronInfo.xml',
  'embedded:comet': 'CoMet',
  'embedded:comicbookinfo': 'ComicBookInfo',
};

function statedBy(origin: CandidateOrigin): string {
  if (origin === 'filename') return 'Guessed from the file name';
  if (origin === 'folder') return 'Guessed from the folder names';
  const record = RECORD_NAMES[origin];
  if (record) return `Stated by the file’s metadata (${record})`;
  if (origin === 'calibre') return 'Stated by your Calibre library';
  return `Given by ${sourceWords(origin.split(':')[0] ?? origin)}`;
}

const isGuess = (origin: CandidateOrigin | 'user'): boolean =>
  origin === 'filename' || origin === 'folder';

/** The other sources (or, within the file, the file name) whose candidates pass `keep`. */
function others(
  decision: FieldDecision<unknown>,
  keep: (candidate: CandidateView<unknown>) => boolean,
): string[] {
  const names = decision.candidates
    .filter((c) => c.origin !== decision.origin && keep(c))
    .map((c) => (c.source === 'file' ? fileWords(c.origin) : sourceWords(c.source)))
    .filter((name) => name !== undefined);
  return [...new Set(names)];
}

function fileWords(origin: CandidateOrigin): string | undefined {
  if (origin === 'filename') return 'the file name';
  if (origin === 'folder') return 'the folder path';
  const record = RECORD_NAMES[origin];
  return record ? `the file’s ${record}` : undefined;
}

function list(names: string[]): string {
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
