import { fold as foldText } from '#core/text/fold';

/**
 * Finding words in a chapter's text, as people type them: case, accents and
 * ligatures do not matter (core's fold, as in the library's search: "eleve"
 * finds "Élève", "strasse" "Straße"), nor typographic quotes (d'Artagnan
 * finds d’Artagnan), and runs of spaces count as one.
 */

/** Curly quotes and primes as a keyboard types them. */
const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
};

/** Text folded for matching, with where each folded character came from in the original. */
export interface FoldedText {
  folded: string;
  /** origins[i] is the index in the original text of folded[i]; one extra entry ends it. */
  origins: number[];
}

/** Folded a character at a time (so each folded one knows its original), white space runs as one space. */
export function fold(text: string): FoldedText {
  let folded = '';
  const origins: number[] = [];
  let index = 0;
  let lastWasSpace = false;
  for (const char of text) {
    if (/\s/u.test(char)) {
      if (!lastWasSpace) {
        folded += ' ';
        origins.push(index);
      }
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      const plain = foldText(QUOTES[char] ?? char);
      for (const unit of plain.split('')) {
        folded += unit;
        origins.push(index);
      }
    }
    index += char.length;
  }
  origins.push(text.length);
  return { folded, origins };
}

/** A query folded the same way, trimmed; empty when there is nothing to find. */
export function foldQuery(query: string): string {
  return fold(query.trim()).folded;
}

/** Where the query occurs in `text` (start inclusive, end exclusive, in the original's indexes). */
export function findMatches(text: string, query: string): { start: number; end: number }[] {
  const needle = foldQuery(query);
  if (!needle) return [];
  const { folded, origins } = fold(text);
  const matches: { start: number; end: number }[] = [];
  let at = folded.indexOf(needle);
  while (at !== -1) {
    const last = at + needle.length - 1;
    // The end is where the next original character begins (one folded from two, like "e" + accent, stays whole).
    let next = last + 1;
    while (next < origins.length - 1 && origins[next] === origins[last]) next += 1;
    matches.push({ start: origins[at] ?? 0, end: origins[next] ?? text.length });
    at = folded.indexOf(needle, at + needle.length);
  }
  return matches;
}

/** A hit in its context: the words before, the match as written, the words after. */
export interface Excerpt {
  before: string;
  match: string;
  after: string;
}

/**
 * About `radius` characters either side of a match, cut at word boundaries,
 * with an ellipsis where the text goes on.
 */
export function excerptAround(text: string, start: number, end: number, radius = 60): Excerpt {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + squash(text.slice(from, start)).trimStart(),
    match: squash(text.slice(start, end)),
    after: squash(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

/**
 * Which of several joined texts an offset of the whole falls in, and where
 * in it: `starts` are each text's first offset in the whole (ascending,
 * from 0). An end offset on a boundary stays at the end of the text before
 * (a range ending there does not reach into the next node).
 */
export function locateOffset(
  starts: readonly number[],
  offset: number,
  isEnd = false,
): { index: number; offset: number } {
  let index = 0;
  for (let i = 1; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    if (start < offset || (!isEnd && start === offset)) index = i;
    else break;
  }
  return { index, offset: offset - (starts[index] ?? 0) };
}
