import type { Template, TemplateNode, TokenFormat } from './template-parser';
import type { TokenName } from './tokens';

export interface RenderedPath {
  /** Folder names, outermost first; those left empty by missing values are gone. */
  folders: string[];
  /** The file name without its extension; "" when the tokens that make it are all empty. */
  stem: string;
  ext: string;
  /** folders/stem.ext, '/'-separated, relative to the library folder. */
  path: string;
  /** Every token that had no value, in pattern order. */
  emptyTokens: TokenName[];
  /** The empty tokens outside an optional [ … ] group: worth telling the user about. */
  missingTokens: TokenName[];
}

type Piece =
  { kind: 'lit'; text: string } | { kind: 'tok'; name: TokenName; value: string } | { kind: 'sep' };

/** Characters that only join values: they go when a value next to them is empty. */
const SEPARATOR_RUN_END = /[\s\-_.,;:–—·|~+#]+$/u;
const SEPARATOR_RUN_START = /^[\s\-_.,;:–—·|~+#]+/u;
const BRACKETS: Record<string, string> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '«': '»',
  '“': '”',
  '‘': '’',
  '"': '"',
  "'": "'",
};

/**
 * Fills a template with values. Values should already be sanitised for the
 * target (a "/" in a value must not make a folder); this only decides the
 * shape: optional groups, and the automatic rule that an empty token takes
 * the separators and brackets around it along ("${author.name} - ${title}"
 * without an author gives "Title", a folder of only an empty token vanishes).
 */
export function renderTemplate(
  template: Template,
  values: Partial<Record<TokenName, string>>,
): RenderedPath {
  const emptyTokens: TokenName[] = [];
  const missingTokens: TokenName[] = [];
  const pieces = renderNodes(template.nodes, values, emptyTokens, missingTokens, false);

  const components: Piece[][] = [[]];
  for (const piece of pieces) {
    if (piece.kind === 'sep') components.push([]);
    else components.at(-1)?.push(piece);
  }
  const last = components.pop() ?? [];
  // The parser guarantees the pattern ends with ".${ext}": split it off.
  const extPiece = last.pop();
  const dot = last.at(-1);
  if (dot?.kind === 'lit') dot.text = dot.text.slice(0, -1);
  const ext = extPiece?.kind === 'tok' ? extPiece.value : '';

  const folders = components.map(collapse).filter((folder) => folder !== '');
  const stem = collapse(last);
  return {
    folders,
    stem,
    ext,
    path: [...folders, `${stem}.${ext}`].join('/'),
    emptyTokens: unique(emptyTokens),
    missingTokens: unique(missingTokens),
  };
}

function renderNodes(
  nodes: TemplateNode[],
  values: Partial<Record<TokenName, string>>,
  empty: TokenName[],
  missing: TokenName[],
  optional: boolean,
): Piece[] {
  const out: Piece[] = [];
  for (const node of nodes) {
    if (node.kind === 'text') out.push({ kind: 'lit', text: node.text });
    else if (node.kind === 'separator') out.push({ kind: 'sep' });
    else if (node.kind === 'token') {
      const value = applyFormat(values[node.name] ?? '', node.format);
      if (value === '') {
        empty.push(node.name);
        if (!optional) missing.push(node.name);
      }
      out.push({ kind: 'tok', name: node.name, value });
    } else {
      const inner = renderNodes(node.children, values, empty, missing, true);
      // A group stands or falls whole: any empty token inside and it is left out.
      if (!inner.some((p) => p.kind === 'tok' && p.value === '')) out.push(...inner);
    }
  }
  return out;
}

export function applyFormat(value: string, format: TokenFormat | undefined): string {
  if (!value || !format) return value;
  if (format.kind === 'pad') {
    const match = value.match(/^(-?)(\d+)(\.\d+)?$/);
    if (!match) return value;
    const [, sign = '', whole = '', fraction = ''] = match;
    return `${sign}${whole.padStart(format.width, '0')}${fraction}`;
  }
  if (format.transform === 'upper') return value.toUpperCase();
  if (format.transform === 'lower') return value.toLowerCase();
  // "initial": the first letter or digit, for A/ B/ C/ shelves.
  return value.match(/[\p{L}\p{N}]\p{M}*/u)?.[0]?.toUpperCase() ?? '';
}

/** One path component: drops empty tokens with their separators or brackets. */
function collapse(component: Piece[]): string {
  let list = mergeLiterals(component);
  for (;;) {
    const i = list.findIndex((p) => p.kind === 'tok' && p.value === '');
    if (i < 0) break;
    const before = list[i - 1];
    const after = list[i + 1];
    const left = before?.kind === 'lit' ? before.text : '';
    const right = after?.kind === 'lit' ? after.text : '';
    const from = before?.kind === 'lit' ? i - 1 : i;
    const to = after?.kind === 'lit' ? i + 2 : i + 1;
    const merged = joinAround(left, right, list.slice(0, from), list.slice(to));
    list = mergeLiterals([
      ...list.slice(0, from),
      { kind: 'lit', text: merged },
      ...list.slice(to),
    ]);
  }
  return list
    .map((p) => (p.kind === 'lit' ? p.text : p.kind === 'tok' ? p.value : ''))
    .join('')
    .trim();
}

/** The text that replaces "left ${empty} right". */
function joinAround(left: string, right: string, before: Piece[], after: Piece[]): string {
  const opener = left.at(-1);
  // "(${empty})" goes whole, then the separators around it are judged as for a token.
  if (opener && BRACKETS[opener] === right.charAt(0))
    return joinAround(left.slice(0, -1), right.slice(1), before, after);
  const leftSep = left.match(SEPARATOR_RUN_END)?.[0] ?? '';
  const rightSep = right.match(SEPARATOR_RUN_START)?.[0] ?? '';
  const leftCore = left.slice(0, left.length - leftSep.length);
  const rightCore = right.slice(rightSep.length);
  const hasBefore = leftCore !== '' || before.some(hasContent);
  const hasAfter = rightCore !== '' || after.some(hasContent);
  let sep = '';
  // Keep one separator only between two things that stay; a token glued to one
  // side (no separator there) leaves the other side glued too.
  if (hasBefore && hasAfter && leftSep && rightSep)
    sep = leftSep.trim() === '' && rightSep.trim() !== '' ? rightSep : leftSep;
  return leftCore + sep + rightCore;
}

function hasContent(piece: Piece): boolean {
  if (piece.kind === 'tok') return piece.value !== '';
  if (piece.kind === 'lit') return piece.text.replace(SEPARATOR_RUN_START, '') !== '';
  return false;
}

function mergeLiterals(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const previous = out.at(-1);
    if (piece.kind === 'lit' && previous?.kind === 'lit') previous.text += piece.text;
    else if (piece.kind !== 'lit' || piece.text !== '') out.push({ ...piece });
  }
  return out;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
