import type { QueryError } from './query-ast';

/**
 * Splits a query into tokens. Operators are case-sensitive words (`OR`, `AND`,
 * `NOT`) or `|`; `-` right before a term negates it; `(` `)` group; `"…"` is a
 * phrase (with `\"` and `\\` escapes); `/…/` is a regular expression;
 * `name:value` is a field term whose value can itself be quoted or a regex.
 */

export interface TermValue {
  kind: 'word' | 'phrase' | 'regex';
  text: string;
  start: number;
  end: number;
}

export type Token =
  | { type: '(' | ')' | 'OR' | 'AND' | 'NOT' | '-'; start: number; end: number }
  | {
      type: 'term';
      field?: { name: string; start: number };
      value: TermValue;
      start: number;
      end: number;
    };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: QueryError };

const SPACE = /\s/;
const FIELD = /^([A-Za-z]+):/;

function isDelimiter(c: string | undefined): boolean {
  return c === undefined || SPACE.test(c) || c === '(' || c === ')' || c === '|';
}

class Failure {
  constructor(readonly error: QueryError) {}
}

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;

  /** Reads `"…"` starting at the quote at `start`. */
  const phrase = (start: number): TermValue => {
    let j = start + 1;
    let value = '';
    while (j < text.length && text[j] !== '"') {
      if (text[j] === '\\' && j + 1 < text.length) j++;
      value += text[j];
      j++;
    }
    if (j >= text.length) {
      throw new Failure({
        message: `Unclosed quote starting at position ${start}`,
        position: start,
      });
    }
    return { kind: 'phrase', text: value, start, end: j + 1 };
  };

  /** Reads `/…/` starting at the slash at `start`. */
  const regex = (start: number): TermValue => {
    // The closing slash: the first unescaped one outside [...]; failing that (as in
    // "/tol[/", an invalid pattern searched as text) the first unescaped one.
    const closing = (classAware: boolean): number => {
      let inClass = false;
      for (let j = start + 1; j < text.length; j++) {
        const c = text[j];
        if (c === '\\') j++;
        else if (classAware && c === '[') inClass = true;
        else if (classAware && c === ']') inClass = false;
        else if (c === '/' && !inClass) return j;
      }
      return -1;
    };
    let j = closing(true);
    if (j < 0) j = closing(false);
    if (j < 0) {
      throw new Failure({
        message: `Unclosed regular expression starting at position ${start}: end it with /`,
        position: start,
      });
    }
    if (!isDelimiter(text[j + 1])) {
      throw new Failure({
        message: `Unexpected "${text[j + 1]}" after the regular expression at position ${j + 1}`,
        position: j + 1,
      });
    }
    return { kind: 'regex', text: text.slice(start + 1, j), start, end: j + 1 };
  };

  /** Reads a bare word: everything up to a space, a parenthesis, a quote or `|`. */
  const word = (start: number): TermValue => {
    let j = start;
    while (j < text.length && !isDelimiter(text[j]) && text[j] !== '"') j++;
    return { kind: 'word', text: text.slice(start, j), start, end: j };
  };

  const value = (start: number): TermValue => {
    if (text[start] === '"') return phrase(start);
    if (text[start] === '/') return regex(start);
    return word(start);
  };

  try {
    while (i < text.length) {
      const c = text[i] as string;
      if (SPACE.test(c)) {
        i++;
        continue;
      }
      if (c === '(' || c === ')') {
        tokens.push({ type: c, start: i, end: i + 1 });
        i++;
        continue;
      }
      if (c === '|') {
        const end = text[i + 1] === '|' ? i + 2 : i + 1;
        tokens.push({ type: 'OR', start: i, end });
        i = end;
        continue;
      }
      const next = text[i + 1];
      if (c === '-' && next !== undefined && !SPACE.test(next) && !')|-'.includes(next)) {
        tokens.push({ type: '-', start: i, end: i + 1 });
        i++;
        continue;
      }
      const field = FIELD.exec(text.slice(i, i + 40));
      if (field && !isDelimiter(text[i + field[0].length])) {
        const name = field[1] as string;
        const v = value(i + field[0].length);
        tokens.push({ type: 'term', field: { name, start: i }, value: v, start: i, end: v.end });
        i = v.end;
        continue;
      }
      if (field) {
        // "author:" with nothing after it: a field without a value, or a word ending in a colon.
        const v = word(i);
        tokens.push({
          type: 'term',
          field: { name: field[1] as string, start: i },
          value: { ...v, text: '', start: v.end },
          start: i,
          end: v.end,
        });
        i = v.end;
        continue;
      }
      const v = value(i);
      if (v.kind === 'word' && (v.text === 'OR' || v.text === 'AND' || v.text === 'NOT')) {
        tokens.push({ type: v.text, start: v.start, end: v.end });
      } else if (v.kind === 'word' && v.text === '&&') {
        tokens.push({ type: 'AND', start: v.start, end: v.end });
      } else {
        tokens.push({ type: 'term', value: v, start: v.start, end: v.end });
      }
      i = v.end;
    }
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
  return { ok: true, tokens };
}
