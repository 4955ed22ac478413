import { matchHas, matchRange, matchValue } from './column-match';
import { HAS_BIT, type Columns } from './columns';
import type { Matcher } from './highlight';
import { fold, foldAccents } from '../text/fold';
import { words } from './words';
import { containsRun, spansWords, wildcardRegex } from './patterns';
import type { Postings } from './postings';
import type { QueryNode, TextField } from './query-ast';
import { TIER } from './rank';
import {
  ALL_FIELDS,
  BOOST,
  FIELD_COUNT,
  fieldBit,
  fieldValues,
  QUERY_FIELDS,
  SHORT_FIELDS,
} from './text-fields';
import type { Vocabulary } from './vocabulary';

export interface IndexParts {
  columns: Columns;
  vocabulary: Vocabulary;
  postings: Postings;
}

export interface Evaluation {
  /** Per slot: the book's score, or -1 when it does not match. */
  scores: Float32Array;
  /** What the positive (not negated) terms matched, for highlighting. */
  matchers: Matcher[];
}

const NO = -1;
const DESCRIPTION = fieldBit('description');

/**
 * Evaluates a query tree to one score per slot. Each node makes a dense
 * Float32Array over the slots (-1: no match): simple loops over typed arrays,
 * cheap at catalog sizes, and AND, OR and NOT become element-wise operations.
 */
export function evaluate(node: QueryNode, parts: IndexParts, caseSensitive: boolean): Evaluation {
  const evaluator = new Evaluator(parts, caseSensitive);
  return { scores: evaluator.node(node, true), matchers: evaluator.matchers };
}

class Evaluator {
  readonly matchers: Matcher[] = [];
  private readonly n: number;

  constructor(
    private readonly parts: IndexParts,
    private readonly caseSensitive: boolean,
  ) {
    this.n = parts.columns.count;
  }

  private empty(): Float32Array {
    return new Float32Array(this.n).fill(NO);
  }

  node(node: QueryNode, positive: boolean): Float32Array {
    switch (node.kind) {
      case 'and':
        return this.and(node.children.map((c) => this.node(c, positive)));
      case 'or':
        return this.or(node.children.map((c) => this.node(c, positive)));
      case 'not':
        return this.not(this.node(node.child, !positive));
      case 'word':
        return this.word(node.text, node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS, positive);
      case 'phrase':
        return this.phrase(
          node.words,
          node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS,
          positive,
        );
      case 'wildcard':
        return this.wildcard(
          node.pattern,
          node.field ? QUERY_FIELDS[node.field] : ALL_FIELDS,
          positive,
        );
      case 'regex':
        return this.regex(node.source, node.unicode, node.field, positive);
      case 'value':
        return matchValue(this.parts.columns, node.field, node.value);
      case 'range':
        return matchRange(this.parts.columns, node.field, node.min, node.max);
      case 'has':
        return matchHas(this.parts.columns, HAS_BIT[node.what]);
    }
  }

  private and(children: Float32Array[]): Float32Array {
    const out = children[0] as Float32Array;
    for (let c = 1; c < children.length; c++) {
      const other = children[c] as Float32Array;
      for (let s = 0; s < out.length; s++) {
        const a = out[s] as number;
        const b = other[s] as number;
        out[s] = a < 0 || b < 0 ? NO : a + b;
      }
    }
    return out;
  }

  private or(children: Float32Array[]): Float32Array {
    const out = children[0] as Float32Array;
    for (let c = 1; c < children.length; c++) {
      const other = children[c] as Float32Array;
      for (let s = 0; s < out.length; s++) {
        const a = out[s] as number;
        const b = other[s] as number;
        out[s] = a < 0 ? b : b < 0 ? a : a + b;
      }
    }
    return out;
  }

  private not(child: Float32Array): Float32Array {
    const alive = this.parts.columns.alive;
    for (let s = 0; s < child.length; s++) child[s] = alive[s] && (child[s] as number) < 0 ? 0 : NO;
    return child;
  }

  /** Raises the score of every slot that has `word` in `field` to at least `weight`. */
  private apply(acc: Float32Array, field: number, word: number, weight: number): void {
    const { postings } = this.parts;
    const data = postings.data(field, word);
    const count = postings.count(field, word);
    for (let k = 0; k < count; k++) {
      const s = data[k] as number;
      if ((acc[s] as number) < weight) acc[s] = weight;
    }
  }

  private applyAll(
    acc: Float32Array,
    mask: number,
    ids: readonly number[],
    tier: number,
    fields = ALL_FIELDS,
  ): void {
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (!(mask & fields & (1 << f))) continue;
      const weight = (BOOST[f] as number) * tier;
      for (const id of ids) this.apply(acc, f, id, weight);
    }
  }

  /** Drops matches whose field values fail a case-sensitive test. */
  private verify(
    acc: Float32Array,
    mask: number,
    test: (value: string, field: number) => boolean,
  ): void {
    const docs = this.parts.columns.docs;
    for (let s = 0; s < acc.length; s++) {
      if ((acc[s] as number) < 0) continue;
      const doc = docs[s];
      let ok = false;
      for (let f = 0; f < FIELD_COUNT && !ok && doc; f++) {
        if (mask & (1 << f)) ok = fieldValues(doc, f).some((v) => test(v, f));
      }
      if (!ok) acc[s] = NO;
    }
  }

  private word(text: string, mask: number, positive: boolean): Float32Array {
    const { vocabulary } = this.parts;
    const term = fold(text);
    const acc = this.empty();
    const x = vocabulary.expand(term);
    const exact = x.exact === undefined ? [] : [x.exact];
    this.applyAll(acc, mask, exact, TIER.exact);
    this.applyAll(acc, mask, x.prefix, TIER.prefix, SHORT_FIELDS);
    // Case-sensitive search is about exact spelling: no typo tolerance.
    if (!this.caseSensitive) {
      this.applyAll(acc, mask, x.close, TIER.close, SHORT_FIELDS);
      this.applyAll(acc, mask, x.loose, TIER.loose, SHORT_FIELDS);
    }
    const matched = this.caseSensitive
      ? [...exact, ...x.prefix]
      : [...exact, ...x.prefix, ...x.close, ...x.loose];
    let cased: ((word: string) => boolean) | undefined;
    if (this.caseSensitive) {
      const exactCase = foldAccents(text);
      const prefixOk = exactCase.length >= 2;
      // Prefixes count in short fields only, as in case-blind matching.
      cased = (w) => w === exactCase || (prefixOk && w.startsWith(exactCase));
      const test = cased;
      this.verify(acc, mask, (value, f) =>
        words(value, true).some((w) => (SHORT_FIELDS & (1 << f) ? test(w) : w === exactCase)),
      );
    }
    if (positive) this.remember(mask, matched, cased);
    return acc;
  }

  /** Keeps the words a term matched, for highlighting. */
  private remember(mask: number, ids: readonly number[], cased?: (word: string) => boolean): void {
    if (!ids.length) return;
    const { words: all } = this.parts.vocabulary;
    this.matchers.push({
      kind: 'words',
      fields: mask,
      words: new Set(ids.map((id) => all[id] as string)),
      cased,
    });
  }

  /** Case-sensitive: drops matches with no word (case kept) passing `test`; gives the test for highlights. */
  private casedWords(acc: Float32Array, mask: number, test: (word: string) => boolean) {
    if (!this.caseSensitive) return undefined;
    this.verify(acc, mask, (value) => words(value, true).some(test));
    return test;
  }

  private phrase(raw: readonly string[], mask: number, positive: boolean): Float32Array {
    const { vocabulary, postings, columns } = this.parts;
    const folded = raw.map((w) => fold(w));
    const acc = this.empty();
    const ids = folded.map((w) => vocabulary.idOf(w));
    if (positive)
      this.matchers.push({
        kind: 'phrase',
        fields: mask,
        words: this.caseSensitive ? raw.map(foldAccents) : folded,
        caseSensitive: this.caseSensitive,
      });
    if (ids.some((id) => id === undefined)) return acc;
    const distinct = [...new Set(ids as number[])];
    const needsCheck = folded.length > 1 || this.caseSensitive;
    const wanted = this.caseSensitive ? raw.map(foldAccents) : folded;
    const seen = new Uint16Array(this.n);
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (!(mask & (1 << f))) continue;
      // Intersect starting from the rarest word; seen[s] counts the words found so far.
      distinct.sort((a, b) => postings.count(f, a) - postings.count(f, b));
      seen.fill(0);
      const weight = (BOOST[f] as number) * (folded.length > 1 ? TIER.phrase : TIER.exact);
      distinct.forEach((id, i) => {
        const data = postings.data(f, id);
        const count = postings.count(f, id);
        for (let k = 0; k < count; k++) {
          const s = data[k] as number;
          if (seen[s] === i) seen[s] = i + 1;
        }
      });
      const all = distinct.length;
      const data = postings.data(f, distinct[0] as number);
      const count = postings.count(f, distinct[0] as number);
      for (let k = 0; k < count; k++) {
        const s = data[k] as number;
        if (seen[s] !== all || (acc[s] as number) >= weight) continue;
        const doc = columns.docs[s];
        if (!doc) continue;
        if (
          needsCheck &&
          !fieldValues(doc, f).some((v) => containsRun(words(v, this.caseSensitive), wanted))
        )
          continue;
        acc[s] = weight;
      }
    }
    return acc;
  }

  private wildcard(pattern: string, mask: number, positive: boolean): Float32Array {
    const { vocabulary } = this.parts;
    const folded = fold(pattern);
    const prefix = /^[^*]+\*$/.test(folded) ? folded.slice(0, -1) : undefined;
    const re = wildcardRegex(folded, '');
    const ids = vocabulary.scan(
      prefix !== undefined ? (w) => w.startsWith(prefix) : (w) => re.test(w),
    );
    const acc = this.empty();
    this.applyAll(acc, mask, ids, TIER.pattern);
    const casedRe = wildcardRegex(foldAccents(pattern), '');
    const cased = this.casedWords(acc, mask, (w) => casedRe.test(w));
    if (positive) this.remember(mask, ids, cased);
    return acc;
  }

  private regex(
    source: string,
    unicode: boolean,
    field: TextField | undefined,
    positive: boolean,
  ): Float32Array {
    const { vocabulary, columns } = this.parts;
    const u = unicode ? 'u' : '';
    const pattern = foldAccents(source);
    const insensitive = new RegExp(pattern, u + 'i');
    const exact = this.caseSensitive ? new RegExp(pattern, u) : insensitive;
    const acc = this.empty();
    if (spansWords(source)) {
      // Against whole values: a scan, so descriptions only when asked for by name.
      const mask = field ? QUERY_FIELDS[field] : ALL_FIELDS & ~DESCRIPTION;
      const weightOf = (f: number) => (BOOST[f] as number) * TIER.pattern;
      for (let s = 0; s < this.n; s++) {
        const doc = columns.docs[s];
        if (!doc) continue;
        for (let f = 0; f < FIELD_COUNT; f++) {
          if (!(mask & (1 << f)) || (acc[s] as number) >= weightOf(f)) continue;
          if (fieldValues(doc, f).some((v) => exact.test(foldAccents(v)))) acc[s] = weightOf(f);
        }
      }
      if (positive) this.matchers.push({ kind: 'value', fields: mask, regex: exact });
      return acc;
    }
    const mask = field ? QUERY_FIELDS[field] : ALL_FIELDS;
    const ids = vocabulary.scan((w) => insensitive.test(w));
    this.applyAll(acc, mask, ids, TIER.pattern);
    const cased = this.casedWords(acc, mask, (w) => exact.test(w));
    if (positive) this.remember(mask, ids, cased);
    return acc;
  }
}
