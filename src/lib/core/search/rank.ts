import { fold } from '../text/fold';
import type { QueryNode } from './query-ast';

/**
 * Relevance. A book's score for a term is the best of its matches, each
 * worth the field's boost (title 10 > authors 7 > series 5 > subtitle 4 >
 * subjects 3 > publisher 2 > description 1) times how the word matched
 * (exact 1 > phrase-part … > prefix 0.6 > close typo 0.35 > loose typo 0.25).
 * Terms joined by AND or OR add up. A title that is exactly the query text
 * gets a bonus over any sum of terms, and one that starts with it a smaller
 * one: exact title > title prefix > everything else.
 */
export const TIER = {
  exact: 1,
  phrase: 1.2,
  prefix: 0.6,
  pattern: 0.6,
  close: 0.35,
  loose: 0.25,
} as const;

export const EXACT_TITLE_BONUS = 1000;
export const TITLE_PREFIX_BONUS = 200;

const ARTICLE = /^(the|a|an) /;

/** A title's words without a leading article, so "hobbit" is the exact title of "The Hobbit". */
export function bareTitle(titleWords: string): string {
  return titleWords.replace(ARTICLE, '');
}

/** Adds the title bonuses to the scores of matching books; `titleWords(slot)` gives [title, title without article]. */
export function addTitleBonus(
  scores: Float32Array,
  titleWords: (slot: number) => [string, string],
  queryWords: string,
): void {
  if (!queryWords) return;
  const bare = bareTitle(queryWords);
  for (let s = 0; s < scores.length; s++) {
    if ((scores[s] as number) < 0) continue;
    const [title, titleBare] = titleWords(s);
    if (title === queryWords || titleBare === bare) {
      scores[s] = (scores[s] as number) + EXACT_TITLE_BONUS;
    } else if (title.startsWith(queryWords) || titleBare.startsWith(bare)) {
      scores[s] = (scores[s] as number) + TITLE_PREFIX_BONUS;
    }
  }
}

/**
 * The best `k` of `slots` by score (higher first), ties by title order
 * (`rank[slot]`, lower first): a bounded heap, so a page of 50 out of 100k
 * matches does not sort them all.
 */
export function topByScore(
  slots: Int32Array,
  scores: Float32Array,
  rank: Int32Array,
  k: number,
): Int32Array {
  const n = slots.length;
  k = Math.min(k, n);
  if (k <= 0) return new Int32Array(0);
  // a is "worse" than b: lower score, or same score and later in title order.
  const worse = (a: number, b: number) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb || (sa === sb && (rank[a] as number) > (rank[b] as number));
  };
  const heap = new Int32Array(k);
  let size = 0;
  const siftUp = (i: number) => {
    const x = heap[i] as number;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p] as number;
      if (!worse(x, parent)) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = x;
  };
  const siftDown = (i: number) => {
    const x = heap[i] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && worse(heap[c + 1] as number, heap[c] as number)) c++;
      const child = heap[c] as number;
      if (!worse(child, x)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = x;
  };
  for (let j = 0; j < n; j++) {
    const s = slots[j] as number;
    if (size < k) {
      heap[size] = s;
      siftUp(size++);
    } else if (worse(heap[0] as number, s)) {
      heap[0] = s;
      siftDown(0);
    }
  }
  const out = Array.from(heap.subarray(0, size));
  out.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return Int32Array.from(out);
}

/** Whether the query looks for words (then relevance is the natural order), not only filters. */
export function searchesText(node: QueryNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.some(searchesText);
    case 'word':
    case 'phrase':
    case 'wildcard':
    case 'regex':
      return true;
    default:
      return false;
  }
}

/** The words the exact-title bonus compares a title with: the plain, title-or-anywhere words ANDed at the top. */
export function titleQuery(node: QueryNode): string {
  const terms = node.kind === 'and' ? node.children : [node];
  const out: string[] = [];
  for (const t of terms) {
    if (t.kind === 'word' && (!t.field || t.field === 'title')) out.push(fold(t.text));
    else if (t.kind === 'phrase' && (!t.field || t.field === 'title'))
      out.push(...t.words.map((w) => fold(w)));
    else if (t.kind === 'and') out.push(titleQuery(t));
  }
  return out.filter(Boolean).join(' ');
}
