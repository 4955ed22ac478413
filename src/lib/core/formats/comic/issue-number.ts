/**
 * Issue numbers as comics print them. Regular issues run -1, 0, ½, 1, 1.5, 2…;
 * a suffix of two or more letters is a tie-in issue that sits right after its
 * number (Marvel's "1.MU", "1AU"); a single letter or the word "variant" is a
 * variant cover of that issue ("1b", "1 Variant"). Annuals, specials and
 * one-shots are outside the regular run and carry their own numbering.
 */

export type IssueKind = 'regular' | 'annual' | 'special' | 'one-shot' | 'variant';

export interface ComicIssue {
  kind: IssueKind;
  /** Position within its kind: 1.5, 0, -1; absent for "Special" or a one-shot. */
  number?: number;
  /** Letters after the number: "MU", "AU", "b". */
  suffix?: string;
  /** As a reader says it: "#1.5", "#1.MU", "Annual 1", "#1 Variant", "One-shot". */
  display: string;
  /** Compare with compareIssueKeys: the kind's place, the number, then the suffix. */
  sortKey: IssueSortKey;
}

export type IssueSortKey = readonly [rank: number, number: number, suffix: string];

/** Where each kind goes after the regular run; variants sit beside the issue they vary. */
const RANK: Record<IssueKind, number> = {
  regular: 0,
  variant: 0,
  annual: 1,
  special: 2,
  'one-shot': 3,
};

const HEADINGS: Record<IssueKind, string> = {
  regular: 'Issues',
  variant: 'Variants',
  annual: 'Annuals',
  special: 'Specials',
  'one-shot': 'One-shots',
};

/** The heading a series page groups each kind under. */
export function issueKindHeading(kind: IssueKind): string {
  return HEADINGS[kind];
}

const WORDS: [RegExp, IssueKind][] = [
  [/\bannual\b/i, 'annual'],
  [/\bone[\s-]?shot\b|^os$/i, 'one-shot'],
  [/\bspecial\b|^sp\b/i, 'special'],
  [/\bvariant\b|\bvar\b/i, 'variant'],
];

/** ComicInfo's Format values that name a kind ("Annual", "One-Shot", "Variant"…). */
function kindOfFormat(format: string | undefined): IssueKind | undefined {
  const text = format?.trim();
  if (!text) return undefined;
  return WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/**
 * Reads an issue number ("12", "1.5", "½", "-1", "Annual 1", "1.MU", "1b",
 * "Special", "One-Shot") and, when given, ComicInfo's Format, which can say
 * "Annual" or "One-Shot" for an issue numbered "1". Undefined when both say
 * nothing.
 */
export function parseIssue(
  text: string | number | undefined,
  format?: string,
): ComicIssue | undefined {
  const raw = (typeof text === 'number' ? String(text) : (text ?? '')).trim().replace(/^#\s*/, '');
  const formatKind = kindOfFormat(format);
  if (!raw && !formatKind) return undefined;
  const word = WORDS.find(([pattern]) => pattern.test(raw));
  // What remains once the kind's word is taken out: "Annual 1" → "1", "1 Variant" → "1".
  const rest = word
    ? raw
        .replace(word[0], ' ')
        .replace(/^[\s#.:-]+|[\s#.:-]+$/g, '')
        .replace(/^#\s*/, '')
    : raw;
  const number = parseIssueNumber(rest);
  const suffix =
    number === undefined ? undefined : /\d\s*[.\s-]?\s*([A-Za-z][\w]*)$/.exec(rest)?.[1];
  let kind: IssueKind = word?.[1] ?? formatKind ?? 'regular';
  // A single letter after the number ("1b") is a variant cover; "MU", "AU", "NOW" are tie-ins.
  if (kind === 'regular' && suffix?.length === 1) kind = 'variant';
  if (kind === 'regular' && number === undefined && raw) kind = 'special';
  return issue(kind, number, suffix, raw);
}

function issue(
  kind: IssueKind,
  number: number | undefined,
  suffix: string | undefined,
  raw: string,
): ComicIssue {
  const shown = number === undefined ? '' : numberText(number, suffix);
  const display = displayText(kind, shown, raw);
  return {
    kind,
    ...(number !== undefined && { number }),
    ...(suffix && { suffix }),
    display,
    // A variant with no letter of its own ("1 Variant") follows the issue and its lettered variants.
    sortKey: [
      RANK[kind],
      number ?? Number.POSITIVE_INFINITY,
      suffix ? suffix.toLowerCase() : kind === 'variant' ? '\uffff' : '',
    ],
  };
}

function numberText(number: number, suffix: string | undefined): string {
  const figure = number === 0.5 ? '½' : String(number);
  if (!suffix) return figure;
  return suffix.length === 1 ? `${figure}${suffix}` : `${figure}.${suffix}`;
}

function displayText(kind: IssueKind, shown: string, raw: string): string {
  switch (kind) {
    case 'regular':
      return `#${shown}`;
    case 'variant':
      return /\bvariant\b|\bvar\b/i.test(raw) ? `#${shown} Variant` : `#${shown}`;
    case 'annual':
      return shown ? `Annual ${shown}` : 'Annual';
    case 'special':
      return shown ? `Special ${shown}` : raw && !/^(special|sp)$/i.test(raw) ? raw : 'Special';
    case 'one-shot':
      return 'One-shot';
  }
}

/** Orders two sort keys: regular run (variants beside their issue), annuals, specials, one-shots. */
export function compareIssueKeys(a: IssueSortKey, b: IssueSortKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

/** Orders two issues, those without one last. */
export function compareIssues(a: ComicIssue | undefined, b: ComicIssue | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return compareIssueKeys(a.sortKey, b.sortKey);
}

const FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75 };

/**
 * An issue number as a decimal position. "1", "001", "#1" → 1; "1.5", "1,5"
 * → 1.5; "½" → 0.5, "1½" → 1.5; "-1" → -1 (prequel issues). A letter suffix
 * marks a variant or sub-issue ("1a", "12.MU", "5AU"): the leading number is
 * kept so it still sorts beside its issue. Pure text ("Annual", "∞") has no
 * position: undefined.
 */
export function parseIssueNumber(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const trimmed = text?.trim().replace(/^#\s*/, '');
  if (!trimmed) return undefined;
  const fraction = /^([+-]?)(\d*)\s*([½¼¾])$/.exec(trimmed);
  if (fraction) {
    const magnitude = Number(fraction[2] || '0') + (FRACTIONS[fraction[3] ?? ''] ?? 0);
    return fraction[1] === '-' ? -magnitude : magnitude;
  }
  const match = /^([+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+))(?:[.\s-]?[A-Za-z]\w*)?$/.exec(trimmed);
  if (!match?.[1]) return undefined;
  const number = Number(match[1].replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}

/**
 * The issue text once an issue is given a new position (the series page's
 * Renumber): a regular issue or variant shows the new number with its own
 * suffix ("#1.MU" moved to 2 → "#2.MU", "#4b" → "#5b"); annuals, specials
 * and one-shots keep their text ("Annual 1" is not issue 1 of the run).
 */
export function renumberedIssue(
  text: string | undefined,
  number: number | undefined,
): string | undefined {
  const found = parseIssue(text);
  if (!text || !found || number === undefined) return text;
  if (found.kind !== 'regular' && found.kind !== 'variant') return text;
  if (found.number === number) return text;
  const suffix = found.suffix
    ? found.suffix.length === 1
      ? found.suffix
      : `.${found.suffix}`
    : '';
  const variant = found.kind === 'variant' && found.display.endsWith('Variant') ? ' Variant' : '';
  return parseIssue(`${number}${suffix}${variant}`)?.display ?? text;
}
