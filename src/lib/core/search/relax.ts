import type { QueryNode } from './query-ast';

/**
 * A query that found nothing, made less strict until it finds something.
 * The rules, tried in this order; the first that finds books wins:
 *
 * 1. Spelling: each word (not negated) that matches no word of the catalog,
 *    even with typo tolerance, becomes the nearest catalog word (within two
 *    edits, the more frequent on a tie). Later rules start from the result.
 * 2. Unquote: phrases become their words, which then need not be adjacent.
 * 3. Drop one term: of the terms ANDed at the top, leave out the one whose
 *    absence finds the most books (the most restrictive), as long as a term
 *    that is not negated remains.
 * 4. Any instead of all: the top-level terms joined with OR.
 *
 * Suggestions are cut from the user's own text, so they read as typed.
 */
export interface RelaxTools {
  parse(text: string): QueryNode | undefined;
  /** How many books a query text finds (with the same filters); 0 for a malformed one. */
  count(text: string): number;
  /** Whether a word as typed matches any word of the catalog (exactly, by prefix or by typo). */
  known(word: string): boolean;
  /** The nearest catalog word to a word as typed, if one is close. */
  nearest(word: string): string | undefined;
}

type Node<K extends QueryNode['kind']> = Extract<QueryNode, { kind: K }>;

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Replaces spans of the text, given right to left or in any order. */
export function replaced(
  text: string,
  edits: { start: number; end: number; insert: string }[],
): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return tidy(out);
}

/** Nodes of a kind that are not under a NOT. */
export function positive<K extends 'word' | 'phrase'>(
  node: QueryNode,
  kind: K,
  out: Node<K>[] = [],
): Node<K>[] {
  if (node.kind === kind) out.push(node as Node<K>);
  else if (node.kind === 'and' || node.kind === 'or')
    node.children.forEach((c) => positive(c, kind, out));
  return out;
}

export function spellings(
  text: string,
  query: QueryNode,
  tools: Pick<RelaxTools, 'known' | 'nearest'>,
): string | undefined {
  const edits = positive(query, 'word')
    .filter((w) => !tools.known(w.text))
    .flatMap((w) => {
      const nearest = tools.nearest(w.text);
      // The word itself sits at the end of its node's span (after any "field:").
      return nearest ? [{ start: w.end - w.text.length, end: w.end, insert: nearest }] : [];
    });
  return edits.length ? replaced(text, edits) : undefined;
}

export function unquoted(text: string, query: QueryNode): string | undefined {
  const edits = positive(query, 'phrase')
    .filter((p) => p.words.length > 1)
    .map((p) => ({
      start: p.start,
      end: p.end,
      insert: p.words.map((w) => (p.field ? `${p.field}:${w}` : w)).join(' '),
    }));
  return edits.length ? replaced(text, edits) : undefined;
}

export function relax(text: string, query: QueryNode, tools: RelaxTools): string | undefined {
  let base = text;
  let tree: QueryNode | undefined = query;
  const spelled = spellings(text, query, tools);
  if (spelled !== undefined) {
    if (tools.count(spelled) > 0) return spelled;
    base = spelled;
    tree = tools.parse(spelled);
  }
  if (!tree) return undefined;
  const unquote = unquoted(base, tree);
  if (unquote !== undefined && tools.count(unquote) > 0) return unquote;

  const terms = tree.kind === 'and' ? tree.children : [tree];
  if (terms.length < 2) return undefined;
  let best: { text: string; count: number } | undefined;
  terms.forEach((term, i) => {
    if (terms.every((t, j) => j === i || t.kind === 'not')) return;
    const without = replaced(base, [{ start: term.start, end: term.end, insert: ' ' }]);
    const count = tools.count(without);
    if (count > 0 && (!best || count > best.count)) best = { text: without, count };
  });
  if (best) return best.text;
  const any = terms.map((t) => base.slice(t.start, t.end)).join(' OR ');
  return tools.count(any) > 0 ? any : undefined;
}
