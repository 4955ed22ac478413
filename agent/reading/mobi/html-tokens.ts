import { namedCharacter } from './html-entities';

/**
 * A forgiving tokenizer for the HTML inside MOBI books, which is tag soup:
 * unquoted and valueless attributes, unclosed elements, `<mbp:pagebreak>`,
 * stray `<` and `&`. It never throws; what it cannot read as markup is text.
 * Comments, doctypes and processing instructions are dropped, and the content
 * of script-like elements is skipped unread.
 */

export type HtmlToken =
  | { kind: 'text'; text: string }
  | {
      kind: 'start';
      /** Lower-cased, namespace prefix kept (`mbp:pagebreak`). */
      name: string;
      /** Lower-cased names; a valueless attribute has the value ''. The first of a repeated name wins. */
      attributes: Map<string, string>;
      selfClosing: boolean;
    }
  | { kind: 'end'; name: string };

/** Elements whose content is not markup: skipped to their end tag (the element itself is dropped). */
const RAW_TEXT = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);

/** Sticky patterns, matched where the tokenizer stands (never on copies of the rest). */
const TAG_NAME = /[A-Za-z][\w:.-]*/y;
const TAG_CLOSE = /\s*(\/?)>/y;
const ATTRIBUTE = /[\s/]*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

function matchAt(pattern: RegExp, html: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(html);
}

export function* tokenizeHtml(html: string): Generator<HtmlToken> {
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt === -1) {
      yield text(html.slice(at));
      return;
    }
    if (lt > at) yield text(html.slice(at, lt));
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      at = close === -1 ? html.length : close + 3;
    } else if (next === '!' || next === '?') {
      const close = html.indexOf('>', lt);
      at = close === -1 ? html.length : close + 1;
    } else if (next === '/') {
      const name = matchAt(TAG_NAME, html, lt + 2)?.[0];
      const close = html.indexOf('>', lt);
      if (!name || close === -1) {
        yield text('<');
        at = lt + 1;
        continue;
      }
      yield { kind: 'end', name: name.toLowerCase() };
      at = close + 1;
    } else {
      const tag = readStartTag(html, lt);
      if (tag === 'not-a-tag') {
        yield text('<');
        at = lt + 1;
      } else if (tag === 'unterminated') {
        // A tag still open at the end: the rest is text (trying each later `<` again would be quadratic).
        yield text(html.slice(lt));
        return;
      } else {
        yield tag.token;
        at = tag.end;
        if (RAW_TEXT.has(tag.token.name) && !tag.token.selfClosing) {
          at = skipRawText(html, at, tag.token.name);
          yield { kind: 'end', name: tag.token.name };
        }
      }
    }
  }
}

function text(raw: string): HtmlToken {
  return { kind: 'text', text: decodeReferences(raw) };
}

type StartTag = { token: Extract<HtmlToken, { kind: 'start' }>; end: number };

/** The start tag at `lt` and where it ends, or why there is none. */
function readStartTag(html: string, lt: number): StartTag | 'not-a-tag' | 'unterminated' {
  const rawName = matchAt(TAG_NAME, html, lt + 1)?.[0];
  if (!rawName) return 'not-a-tag';
  const name = rawName.toLowerCase();
  const attributes = new Map<string, string>();
  let at = lt + 1 + rawName.length;
  for (;;) {
    const close = matchAt(TAG_CLOSE, html, at);
    if (close) {
      const token = { kind: 'start' as const, name, attributes, selfClosing: close[1] === '/' };
      return { token, end: at + close[0].length };
    }
    const match = matchAt(ATTRIBUTE, html, at);
    if (!match) {
      // A character no attribute starts with (a lone quote, `=`): the tag ends at the next `>`.
      const end = html.indexOf('>', at);
      if (end === -1) return 'unterminated';
      return { token: { kind: 'start', name, attributes, selfClosing: false }, end: end + 1 };
    }
    const key = (match[1] ?? '').toLowerCase();
    if (!attributes.has(key))
      attributes.set(key, decodeReferences(match[2] ?? match[3] ?? match[4] ?? ''));
    at += match[0].length;
  }
}

/** Past the end tag of a raw-text element (or to the end, when it has none). */
function skipRawText(html: string, from: number, name: string): number {
  const end = new RegExp(`</${name}\\s*>`, 'ig');
  end.lastIndex = from;
  const match = end.exec(html);
  return match ? match.index + match[0].length : html.length;
}

const REFERENCE = /&(?:#(\d{1,8})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g;

/** Character references decoded; an unknown name or an invalid code point stays as written. */
export function decodeReferences(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return namedCharacter(name) ?? whole;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    // Windows-1252's C1 range, as HTML reads it (&#151; is an em dash in old books).
    const mapped = code >= 0x80 && code <= 0x9f ? (CP1252_C1[code - 0x80] ?? code) : code;
    return mapped > 0 && mapped <= 0x10ffff && !(mapped >= 0xd800 && mapped <= 0xdfff)
      ? String.fromCodePoint(mapped)
      : whole;
  });
}

/** Windows-1252 code points for 0x80..0x9F (0 where the byte is unassigned). */
const CP1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161,
  0x203a, 0x0153, 0, 0x017e, 0x0178,
];
