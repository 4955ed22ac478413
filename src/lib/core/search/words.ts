/**
 * Word splitting (over the shared fold), used by indexing, querying and
 * highlighting so that all three agree on what a "word" is.
 */
import { fold, foldAccents } from '../text/fold';

const ASCII = /^[\x20-\x7e]*$/;

/** A word of a text: letters and digits; apostrophes, hyphens and the rest split words. */
export const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[A-Za-z0-9]+/g;

export interface WordSpan {
  /** The word folded (accent-blind, and case-blind unless asked to keep case). */
  word: string;
  start: number;
  end: number;
}

/** The words of a text with their places in it (for highlighting and phrase checks). */
export function wordSpans(text: string, keepCase = false): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    spans.push({
      word: keepCase ? foldAccents(raw) : fold(raw),
      start: m.index,
      end: m.index + raw.length,
    });
  }
  return spans;
}

/** The folded words of a text. */
export function words(text: string, keepCase = false): string[] {
  // Plain ASCII (most text) needs no folding but case: one pass for the whole text.
  if (ASCII.test(text)) return (keepCase ? text : text.toLowerCase()).match(ASCII_WORD) ?? [];
  // Else split first, then fold each word, so words and wordSpans always agree.
  const raw = text.match(WORD) ?? [];
  return raw.map(keepCase ? foldAccents : fold);
}
