import { foldAccents } from '../text/fold';
import { wordSpans, type WordSpan } from './words';
import type { SearchDoc } from './search-doc';
import { authorsText, fieldBit, type IndexedField } from './text-fields';
import type { HighlightField, Highlights } from './query-types';

/**
 * What a query term found, for marking it in a book's text: the words it
 * matched (so highlights agree with matching, typos and prefixes included),
 * a phrase's words in order, or a regex over whole values.
 */
export type Matcher =
  | { kind: 'words'; fields: number; words: ReadonlySet<string>; cased?: (word: string) => boolean }
  | { kind: 'phrase'; fields: number; words: readonly string[]; caseSensitive: boolean }
  | { kind: 'value'; fields: number; regex: RegExp };

const SHOWN: [HighlightField, IndexedField][] = [
  ['title', 'title'],
  ['subtitle', 'subtitle'],
  ['authors', 'authors'],
  ['series', 'series'],
  ['description', 'description'],
];

function textOf(doc: SearchDoc, field: HighlightField): string | undefined {
  return field === 'authors'
    ? doc.authors.length
      ? authorsText(doc.authors)
      : undefined
    : doc[field];
}

/** Sorted, overlapping ranges merged. */
function merged(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function phraseRanges(
  spans: WordSpan[],
  cased: WordSpan[] | undefined,
  words: readonly string[],
): [number, number][] {
  const out: [number, number][] = [];
  const seq = cased ?? spans;
  for (let i = 0; i + words.length <= seq.length; i++) {
    let all = true;
    for (let j = 0; j < words.length && all; j++) all = seq[i + j]?.word === words[j];
    if (all) out.push([(seq[i] as WordSpan).start, (seq[i + words.length - 1] as WordSpan).end]);
  }
  return out;
}

/** Where the matchers' terms are in a book's shown fields. */
export function highlight(doc: SearchDoc, matchers: readonly Matcher[]): Highlights {
  const result: Highlights = {};
  for (const [shown, field] of SHOWN) {
    const bit = fieldBit(field);
    const relevant = matchers.filter((m) => m.fields & bit);
    const text = textOf(doc, shown);
    if (!relevant.length || !text) continue;
    const spans = wordSpans(text);
    let casedSpans: WordSpan[] | undefined;
    const ranges: [number, number][] = [];
    for (const m of relevant) {
      if (m.kind === 'words') {
        for (const span of spans) {
          if (!m.words.has(span.word)) continue;
          if (m.cased && !m.cased(foldAccents(text.slice(span.start, span.end)))) continue;
          ranges.push([span.start, span.end]);
        }
      } else if (m.kind === 'phrase') {
        if (m.caseSensitive) casedSpans ??= wordSpans(text, true);
        ranges.push(...phraseRanges(spans, m.caseSensitive ? casedSpans : undefined, m.words));
      } else {
        const folded = foldAccents(text);
        const global = new RegExp(
          m.regex.source,
          m.regex.flags.includes('g') ? m.regex.flags : m.regex.flags + 'g',
        );
        for (const hit of folded.matchAll(global)) {
          if (hit[0].length > 0)
            ranges.push([hit.index, Math.min(text.length, hit.index + hit[0].length)]);
        }
      }
    }
    if (ranges.length) result[shown] = merged(ranges);
  }
  return result;
}
