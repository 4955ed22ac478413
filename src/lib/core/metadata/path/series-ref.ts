import { trimChars } from './clean-name';
import { parseMarkedNumber, parseNumeral } from './series-number';

/** A name followed by its place in a series: "Saga 012", "Dune Book 2", "Foundation, #3". */
export interface SeriesRef {
  /** The words before the marker; empty when the text was only a position ("012", "Vol. 2"). */
  name: string;
  number: number;
  /**
   * Said to be a position by a marker word, "#", a "v" prefix or zero padding,
   * rather than being a bare trailing figure that may belong to the title
   * ("Catch 22").
   */
  marked: boolean;
}

// Words that announce a position: "Book 1", "Vol. 2", "Part IV", "Tome 3", "# 4", "Chapter 12".
const MARKER_WORDS = new Set([
  '#',
  'chapter',
  'ch',
  'ch.',
  'book',
  'bk',
  'bk.',
  'part',
  'pt',
  'pt.',
  'tome',
  'vol',
  'vol.',
  'volume',
  'no.',
  'issue',
]);
const VOLUME_WORDS = new Set(['vol', 'vol.', 'volume']);
// "v02", "V2", "Vol.2", "vol2": a volume glued to its figures.
const GLUED_VOLUME = /^(?:v|vol\.?)(\d{1,5}(?:\.\d{1,3})?)$/i;

/**
 * Reads a position marker at the end of a run of words. A volume marker just
 * before an issue number ("Saga v02 012") is dropped: the issue is the
 * position, and SeriesPosition has no room for both.
 */
export function readSeriesRef(words: readonly string[]): SeriesRef | undefined {
  const last = trailing(words, words.length);
  if (!last) return undefined;
  let end = last.start;
  let marked = last.marked;
  if (!last.byVolume) {
    const volume = trailingVolume(words, end);
    if (volume !== undefined) {
      end = volume;
      marked = true;
    }
  }
  return { name: nameOf(words.slice(0, end)), number: last.number, marked };
}

interface Trailing {
  number: number;
  marked: boolean;
  /** Index of the first word of the marker. */
  start: number;
  byVolume: boolean;
}

function trailing(words: readonly string[], end: number): Trailing | undefined {
  const last = words[end - 1];
  if (last === undefined) return undefined;
  if (last.startsWith('#')) {
    const numeral = parseNumeral(last.slice(1));
    return numeral && { number: numeral.value, marked: true, start: end - 1, byVolume: false };
  }
  const glued = GLUED_VOLUME.exec(last)?.[1];
  const gluedNumeral = glued === undefined ? undefined : parseNumeral(glued);
  if (gluedNumeral) {
    return { number: gluedNumeral.value, marked: true, start: end - 1, byVolume: true };
  }
  const before = words[end - 2]?.toLowerCase();
  if (before !== undefined && MARKER_WORDS.has(before)) {
    const number = parseMarkedNumber(last);
    if (number !== undefined) {
      return { number, marked: true, start: end - 2, byVolume: VOLUME_WORDS.has(before) };
    }
  }
  const numeral = parseNumeral(last);
  return (
    numeral && { number: numeral.value, marked: numeral.padded, start: end - 1, byVolume: false }
  );
}

/** The words without a trailing volume marker: "Saga v02" → "Saga", "Saga Vol. 2" → "Saga". */
export function withoutVolume(words: readonly string[]): readonly string[] {
  const start = trailingVolume(words, words.length);
  return start === undefined || start === 0 ? words : words.slice(0, start);
}

/** Where a volume marker ending at `end` starts, if one does. */
function trailingVolume(words: readonly string[], end: number): number | undefined {
  const last = words[end - 1];
  if (last === undefined) return undefined;
  if (GLUED_VOLUME.test(last)) return end - 1;
  const before = words[end - 2]?.toLowerCase();
  if (before !== undefined && VOLUME_WORDS.has(before) && parseNumeral(last)) return end - 2;
  return undefined;
}

/** The name before a marker, without the comma of "Foundation, #3"; empty if it has no letters or figures. */
function nameOf(words: readonly string[]): string {
  const name = trimChars(words.join(' '), ',;:');
  return /[\p{L}\p{N}]/u.test(name) ? name : '';
}
