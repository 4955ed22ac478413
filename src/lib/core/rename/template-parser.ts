import { distance } from 'fastest-levenshtein';
import { isTokenName, TOKEN_NAMES, type TokenName } from './tokens';

/**
 * Rename patterns. The grammar (see token-help.ts for the user-facing version):
 *
 *   pattern   := item*                      ending in ".${ext}"
 *   item      := text | token | group | "/"
 *   token     := "${" name [":" format] "}"
 *   group     := "[" item* "]"               vanishes when any token in it is empty
 *   text      := any character but $ [ ] \ /, or "\" followed by one of $ [ ] \
 *   format    := "0" digit+                  zero-pads bookseries.number's whole part
 *              | "upper" | "lower" | "initial"
 *
 * Positions are 0-based offsets (UTF-16 code units) into the pattern, as an
 * editor's selection uses them.
 */

export type TokenFormat =
  { kind: 'pad'; width: number } | { kind: 'case'; transform: 'upper' | 'lower' | 'initial' };

export type TemplateNode =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'token'; name: TokenName; format?: TokenFormat; start: number; end: number }
  | { kind: 'group'; children: TemplateNode[]; start: number; end: number }
  | { kind: 'separator'; start: number; end: number };

export interface Template {
  source: string;
  nodes: TemplateNode[];
}

export interface PatternError {
  message: string;
  /** 0-based offset of the problem; `end` (exclusive) when a span can be marked. */
  position: number;
  end?: number;
}

export type ParseResult = { ok: true; template: Template } | { ok: false; error: PatternError };

/** Tokens that take a number format. */
const NUMERIC: ReadonlySet<TokenName> = new Set(['bookseries.number']);
const ESCAPABLE = new Set(['$', '[', ']', '\\']);
/** Names people reach for, mapped to ours, for "did you mean". */
const ALIASES: Record<string, TokenName> = {
  author: 'author.name',
  'author.sort': 'author.sortname',
  'author.sortName': 'author.sortname',
  series: 'bookseries.title',
  'series.title': 'bookseries.title',
  'series.number': 'bookseries.number',
  seriesnumber: 'bookseries.number',
  'series.index': 'bookseries.number',
  year: 'publicationyear',
  date: 'publicationyear',
  lang: 'language',
  extension: 'ext',
  sorttitle: 'title.sort',
};

class ParseFailure {
  constructor(readonly error: PatternError) {}
}

function fail(message: string, position: number, end?: number): never {
  throw new ParseFailure(end === undefined ? { message, position } : { message, position, end });
}

export function parseTemplate(source: string): ParseResult {
  try {
    if (source.trim() === '')
      fail('The pattern is empty; try ${author.sortname}/${title}.${ext}.', 0);
    const parser = new Parser(source);
    const nodes = parser.sequence(false);
    validateStructure(source, nodes);
    return { ok: true, template: { source, nodes } };
  } catch (caught) {
    if (caught instanceof ParseFailure) return { ok: false, error: caught.error };
    throw caught;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  sequence(inGroup: boolean): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    let text = '';
    let textStart = this.i;
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text, start: textStart, end: this.i });
      text = '';
    };
    while (this.i < this.src.length) {
      const c = this.src.charAt(this.i);
      if (c === '\\') {
        const next = this.src.charAt(this.i + 1);
        if (!ESCAPABLE.has(next))
          fail('Use / between folders; a backslash only escapes $ [ ] or \\.', this.i, this.i + 1);
        if (!text) textStart = this.i;
        text += next;
        this.i += 2;
      } else if (c === '$' && this.src.charAt(this.i + 1) === '{') {
        flush();
        nodes.push(this.token());
        textStart = this.i;
      } else if (c === '[') {
        flush();
        nodes.push(this.group());
        textStart = this.i;
      } else if (c === ']') {
        if (inGroup) break;
        fail('This ] closes no [; write \\] for a literal bracket.', this.i, this.i + 1);
      } else if (c === '/') {
        flush();
        nodes.push({ kind: 'separator', start: this.i, end: this.i + 1 });
        this.i++;
        textStart = this.i;
      } else {
        if (!text) textStart = this.i;
        text += c;
        this.i++;
      }
    }
    flush();
    return nodes;
  }

  private group(): TemplateNode {
    const start = this.i;
    this.i++;
    const children = this.sequence(true);
    if (this.src.charAt(this.i) !== ']')
      fail('This [ is never closed; add ] or write \\[ for a literal bracket.', start, start + 1);
    this.i++;
    if (!containsToken(children))
      fail('An optional [ … ] group needs a token in it, e.g. [ - ${publisher}].', start, this.i);
    return { kind: 'group', children, start, end: this.i };
  }

  private token(): TemplateNode {
    const start = this.i;
    const nameStart = start + 2;
    const name = this.src.slice(nameStart).match(/^[A-Za-z][A-Za-z0-9_.]*/)?.[0] ?? '';
    let j = nameStart + name.length;
    let spec: string | undefined;
    let specStart = j + 1;
    if (this.src.charAt(j) === ':') {
      spec = this.src.slice(specStart).match(/^[^}/[\]$]*/)?.[0] ?? '';
      j = specStart + spec.length;
    }
    if (this.src.charAt(j) !== '}') {
      const close = this.src.indexOf('}', j);
      const next = this.src.slice(j).search(/[/$[\]]/);
      // A } before the next token or folder: the name itself has a stray character.
      if (close !== -1 && (next === -1 || j + next > close))
        fail('A token name is letters, digits and dots, e.g. ${bookseries.title}.', j, j + 1);
      fail('This ${ is never closed; end the token with }.', start, start + 2);
    }
    if (!name) fail('Empty token: write a name, e.g. ${title}.', start, j + 1);
    this.i = j + 1;
    const lower = name.toLowerCase();
    if (!isTokenName(lower)) fail(unknownTokenMessage(name), nameStart, nameStart + name.length);
    if (spec === undefined) return { kind: 'token', name: lower, start, end: this.i };
    specStart = nameStart + name.length + 1;
    const format = parseFormat(lower, spec, specStart);
    return { kind: 'token', name: lower, format, start, end: this.i };
  }
}

function parseFormat(name: TokenName, spec: string, position: number): TokenFormat {
  const end = position + spec.length;
  const lower = spec.trim().toLowerCase();
  if (lower === 'upper' || lower === 'lower' || lower === 'initial')
    return { kind: 'case', transform: lower };
  if (/^\d+$/.test(lower)) {
    if (!NUMERIC.has(name))
      fail(`Padding applies to \${bookseries.number} only, not \${${name}}.`, position, end);
    if (!lower.startsWith('0') || lower.length < 2)
      fail(
        `Write the width with a leading zero: :0${lower.replace(/^0+/, '') || '2'}.`,
        position,
        end,
      );
    const width = Number(lower.slice(1));
    if (width < 1 || width > 9) fail('Pad to a width between 1 and 9, e.g. :02.', position, end);
    return { kind: 'pad', width };
  }
  return fail(
    `Unknown format ":${spec}". Use :02 (zero-pad a number), :upper, :lower or :initial.`,
    position,
    Math.max(end, position + 1),
  );
}

function unknownTokenMessage(name: string): string {
  const alias = ALIASES[name] ?? ALIASES[name.toLowerCase()];
  const guess = alias ?? closest(name.toLowerCase());
  return guess
    ? `Unknown token \${${name}}. Did you mean \${${guess}}?`
    : `Unknown token \${${name}}. Tokens: ${TOKEN_NAMES.map((t) => `\${${t}}`).join(', ')}.`;
}

function closest(name: string): TokenName | undefined {
  let best: TokenName | undefined;
  let bestDistance = Infinity;
  for (const candidate of TOKEN_NAMES) {
    const d =
      candidate.endsWith(`.${name}`) || candidate.startsWith(name) ? 1 : distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function containsToken(nodes: TemplateNode[]): boolean {
  return nodes.some((n) => n.kind === 'token' || (n.kind === 'group' && containsToken(n.children)));
}

/** Checks that need the whole pattern: folder names, the relative root, the extension. */
function validateStructure(source: string, nodes: TemplateNode[]): void {
  if (source.startsWith('/') || /^[A-Za-z]:\//.test(source) || source.startsWith('~'))
    fail('The pattern is relative to the library folder; remove the leading / (or drive).', 0, 1);
  const flat = flatten(nodes);
  let component: TemplateNode[] = [];
  let componentStart = 0;
  const checkComponent = (end: number) => {
    const onlyText = component.every((n) => n.kind === 'text');
    const text = component.map((n) => (n.kind === 'text' ? n.text : '')).join('');
    if (onlyText && text.trim() === '')
      fail('Empty folder name: remove the extra /.', Math.max(0, componentStart - 1), end);
    if (onlyText && (text.trim() === '.' || text.trim() === '..'))
      fail(
        '"." and ".." are not allowed: a pattern stays inside the library folder.',
        componentStart,
        end,
      );
  };
  for (const node of flat) {
    if (node.kind === 'separator') {
      checkComponent(node.end);
      component = [];
      componentStart = node.end;
    } else component.push(node);
  }
  checkComponent(source.length);
  const last = nodes.at(-1);
  const beforeLast = nodes.at(-2);
  const endsWithExt =
    last?.kind === 'token' &&
    last.name === 'ext' &&
    !last.format &&
    beforeLast?.kind === 'text' &&
    beforeLast.text.endsWith('.');
  if (!endsWithExt)
    fail(
      'End the pattern with .${ext} so every file keeps its extension, e.g. ${title}.${ext}.',
      source.length,
    );
  const stem = component.slice(0, -1);
  const stemText = stem.map((n) => (n.kind === 'text' ? n.text : 'x')).join('');
  if (stemText.slice(0, -1).trim() === '')
    fail(
      'The file name needs a token before .${ext}, e.g. ${title}.${ext}.',
      componentStart,
      source.length,
    );
}

/** Groups dissolved into their items, for checks that ignore optionality. */
export function flatten(nodes: TemplateNode[]): TemplateNode[] {
  return nodes.flatMap((n) => (n.kind === 'group' ? flatten(n.children) : [n]));
}
