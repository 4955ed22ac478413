import type { ParseResult, QueryError, QueryNode, TextField } from './query-ast';
import { fieldSpec, hasKey, suggestField, suggestHasKey, type FieldSpec } from './query-fields';
import { lex, type TermValue, type Token } from './query-lexer';
import { parseSizeRange, parseYearRange } from './query-values';
import { errorMessage } from '../error-message';

/**
 * Parses a search query. Grammar (operators are case-sensitive):
 *
 *   query   = or
 *   or      = and { ("OR" | "|") and }
 *   and     = unary { ["AND"] unary }          (side by side means AND)
 *   unary   = ("NOT" | "-") unary | primary
 *   primary = "(" or ")" | [name ":"] value
 *   value   = word | "quoted phrase" | /regex/
 *
 * Never throws: a malformed query gives `{ ok: false, error }` with the
 * position to point at; recoverable oddities (an invalid regex, quotes with
 * nothing in them) give warnings.
 */
export function parseQuery(text: string): ParseResult {
  const lexed = lex(text);
  if (!lexed.ok) return lexed;
  const parser = new Parser(lexed.tokens, text);
  try {
    const query = parser.parse();
    return { ok: true, query, warnings: parser.warnings };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error };
    throw e;
  }
}

class Failure {
  constructor(readonly error: QueryError) {}
}

function fail(message: string, position: number): never {
  throw new Failure({ message, position });
}

const MAX_DEPTH = 64;
const SEGMENT = /[\p{L}\p{N}*]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

type Operator = '(' | ')' | 'OR' | 'AND' | 'NOT' | '-';

class Parser {
  readonly warnings: string[] = [];
  private i = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): QueryNode | undefined {
    if (this.tokens.length === 0) return undefined;
    const node = this.or();
    const extra = this.tokens[this.i];
    if (extra) fail(`Unmatched closing parenthesis at position ${extra.start}`, extra.start);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private is(token: Token | undefined, ...types: Operator[]): boolean {
    return token !== undefined && token.type !== 'term' && types.includes(token.type);
  }

  private or(): QueryNode | undefined {
    const first = this.peek();
    if (this.is(first, 'OR'))
      fail(`Nothing before OR at position ${first?.start}`, first?.start ?? 0);
    const children: QueryNode[] = [];
    let empty = false;
    const push = (n: QueryNode | undefined) => (n ? children.push(n) : (empty = true));
    push(this.and());
    while (this.is(this.peek(), 'OR')) {
      const op = this.peek() as Token;
      this.i++;
      const next = this.peek();
      if (!next || this.is(next, ')', 'OR', 'AND'))
        fail(`Nothing after OR at position ${op.start}`, op.start);
      push(this.and());
    }
    // A branch with nothing searchable in it (only "*") matches everything.
    if (empty) return undefined;
    return combine('or', children);
  }

  private and(): QueryNode | undefined {
    const children: QueryNode[] = [];
    let seen = 0;
    for (;;) {
      const token = this.peek();
      if (!token || this.is(token, ')', 'OR')) break;
      if (this.is(token, 'AND')) {
        if (seen === 0) fail(`Nothing before AND at position ${token.start}`, token.start);
        this.i++;
        const next = this.peek();
        if (!next || this.is(next, ')', 'OR', 'AND'))
          fail(`Nothing after AND at position ${token.start}`, token.start);
        continue;
      }
      seen++;
      const node = this.unary();
      if (node) children.push(node);
    }
    return combine('and', children);
  }

  private unary(): QueryNode | undefined {
    const token = this.peek() as Token;
    if (this.is(token, 'NOT', '-')) {
      this.i++;
      const next = this.peek();
      const name = token.type === '-' ? '-' : 'NOT';
      if (!next || this.is(next, ')', 'OR', 'AND'))
        fail(`Nothing after ${name} at position ${token.start}`, token.start);
      this.enter(token.start);
      const child = this.unary();
      this.depth--;
      // Negating nothing searchable ("-!!!") is ignored like the term itself.
      return child ? { kind: 'not', child, start: token.start, end: child.end } : undefined;
    }
    return this.primary();
  }

  private primary(): QueryNode | undefined {
    const token = this.peek() as Token;
    if (this.is(token, '(')) {
      this.i++;
      if (this.is(this.peek(), ')'))
        fail(`Empty parentheses at position ${token.start}`, token.start);
      this.enter(token.start);
      const inner = this.or();
      this.depth--;
      const close = this.peek();
      if (!this.is(close, ')')) {
        fail(`Missing closing parenthesis for the one at position ${token.start}`, token.start);
      }
      this.i++;
      return inner
        ? { ...inner, start: Math.min(inner.start, token.start), end: (close as Token).end }
        : undefined;
    }
    if (this.is(token, ')'))
      fail(`Unmatched closing parenthesis at position ${token.start}`, token.start);
    this.i++;
    if (token.type !== 'term')
      fail(`Unexpected ${token.type} at position ${token.start}`, token.start);
    return this.term(token);
  }

  private enter(position: number): void {
    if (++this.depth > MAX_DEPTH) fail(`Too deeply nested at position ${position}`, position);
  }

  private term(token: Extract<Token, { type: 'term' }>): QueryNode | undefined {
    const { field, value } = token;
    if (!field) return this.textNode(value, undefined);
    const spec = fieldSpec(field.name);
    if (!spec) {
      const suggestion = suggestField(field.name);
      if (suggestion) {
        fail(
          `Unknown field "${field.name}" at position ${field.start} — did you mean ${suggestion}?`,
          field.start,
        );
      }
      // Not a field ("Trek: Picard", "re:zero"): search the words as they are.
      if (value.text !== '')
        this.warnings.push(`"${field.name}:" is not a field; searched for it as text`);
      const whole = {
        ...value,
        text: this.source.slice(token.start, token.end),
        start: token.start,
      };
      return this.textNode(value.kind === 'word' ? whole : value, undefined);
    }
    if (value.text === '' && value.kind === 'word') {
      if (this.source[value.start] === '(') {
        fail(
          `${field.name}: takes one value, not a group (at position ${value.start}) — write (${field.name}:a OR ${field.name}:b)`,
          value.start,
        );
      }
      fail(`Missing value after ${field.name}: at position ${value.start}`, value.start);
    }
    return this.fielded(spec, field.name, value, token.start);
  }

  private fielded(
    spec: FieldSpec,
    name: string,
    value: TermValue,
    start: number,
  ): QueryNode | undefined {
    const end = value.end;
    if (spec.kind === 'text') return this.textNode(value, spec.field, start);
    if (value.kind === 'regex') {
      fail(`${name}: does not take a regular expression (at position ${value.start})`, value.start);
    }
    const text = value.text.trim();
    if (spec.kind === 'has') {
      const what = hasKey(text);
      if (!what) {
        const suggestion = suggestHasKey(text);
        fail(
          `Unknown has:${text} at position ${value.start}` +
            (suggestion
              ? ` — did you mean has:${suggestion}?`
              : ' — use has:cover, has:series, has:isbn, …'),
          value.start,
        );
      }
      return { kind: 'has', what, start, end };
    }
    if (spec.kind === 'range') {
      const parsed =
        spec.field === 'year' ? parseYearRange(text) : parseSizeRange(text.replace(/\s+/g, ''));
      if (!parsed.ok) {
        const position = value.start + parsed.offset + (value.kind === 'phrase' ? 1 : 0);
        const where = parsed.message.startsWith('Expected') ? ` after ${name}:` : '';
        fail(
          `${parsed.message}${where} at position ${position}${parsed.hint ? ` — ${parsed.hint}` : ''}`,
          position,
        );
      }
      return { kind: 'range', field: spec.field, min: parsed.min, max: parsed.max, start, end };
    }
    if (spec.field === 'isbn') {
      const digits = text.replace(/[^0-9xX*]/g, '').toUpperCase();
      if (!/[0-9]/.test(digits))
        fail(`Expected an ISBN after ${name}: at position ${value.start}`, value.start);
      return { kind: 'value', field: 'isbn', value: digits, start, end };
    }
    return { kind: 'value', field: spec.field, value: text, start, end };
  }

  private textNode(
    value: TermValue,
    field: TextField | undefined,
    start = value.start,
  ): QueryNode | undefined {
    const end = value.end;
    const withField = (node: QueryNode): QueryNode =>
      field ? ({ ...node, field } as QueryNode) : node;
    if (value.kind === 'phrase') {
      const words = [...(value.text.match(WORD) ?? [])];
      if (words.length === 0) {
        this.warnings.push(`Ignored empty quotes at position ${value.start}`);
        return undefined;
      }
      return withField({ kind: 'phrase', words, start, end });
    }
    if (value.kind === 'regex') {
      if (value.text === '') {
        this.warnings.push(`Ignored an empty regular expression at position ${value.start}`);
        return undefined;
      }
      const unicode = validRegex(value.text, 'u');
      if (unicode === true || validRegex(value.text, '') === true) {
        return withField({
          kind: 'regex',
          source: value.text,
          unicode: unicode === true,
          start,
          end,
        });
      }
      this.warnings.push(
        `Invalid regular expression /${value.text}/ (${unicode}); searched for it as plain text`,
      );
      const words = [...(value.text.match(WORD) ?? [])];
      return words.length ? withField({ kind: 'phrase', words, start, end }) : undefined;
    }
    const nodes: QueryNode[] = [];
    let onlyStars = true;
    for (const m of value.text.matchAll(SEGMENT)) {
      const segment = m[0];
      if (/^\*+$/.test(segment)) continue;
      onlyStars = false;
      const s = value.start + m.index;
      const e = s + segment.length;
      const span =
        nodes.length === 0 && value.text.length === segment.length
          ? { start, end }
          : { start: s, end: e };
      nodes.push(
        segment.includes('*')
          ? withField({ kind: 'wildcard', pattern: segment, ...span })
          : withField({ kind: 'word', text: segment, ...span }),
      );
    }
    if (nodes.length === 0) {
      if (!onlyStars || !/\*/.test(value.text)) {
        this.warnings.push(`Ignored "${value.text}": it has no letters or digits`);
      }
      return undefined;
    }
    // "jean-paul" is two words that must both be there.
    return nodes.length === 1 ? nodes[0] : { kind: 'and', children: nodes, start, end };
  }
}

function combine(kind: 'and' | 'or', children: QueryNode[]): QueryNode | undefined {
  if (children.length <= 1) return children[0];
  const first = children[0] as QueryNode;
  const last = children[children.length - 1] as QueryNode;
  return { kind, children, start: first.start, end: last.end };
}

/** true, or the reason the pattern is not a valid regular expression. */
function validRegex(source: string, flags: string): true | string {
  try {
    new RegExp(source, flags);
    return true;
  } catch (e) {
    const message = errorMessage(e);
    return message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}
