import { tokenizeHtml } from './html-tokens';

/**
 * A MOBI chapter's HTML as the body of a well-formed, sanitised XHTML
 * document. Only an allowlist of elements and attributes passes; scripts,
 * styles, forms, frames, media and event handlers never do, and neither does
 * any URL that would load something from outside the book (a resource is
 * kept only when `resource` maps it into the EPUB). Unknown elements
 * (`mbp:pagebreak`, `font`'s cousins) are unwrapped: their text stays.
 * Elements left open are closed, stray end tags dropped, and a paragraph is
 * closed where a block starts, as an HTML parser would.
 */

export interface XhtmlLinks {
  /** The EPUB href of a resource the chapter names (an image), or undefined to drop it. */
  resource(src: string): string | undefined;
  /** The EPUB href of a link's target, or undefined to keep the link's text only. */
  link(href: string): string | undefined;
}

export interface XhtmlBody {
  /** The body's content, as XHTML. */
  xhtml: string;
  /** Every id in it (links into the chapter may point only at these). */
  ids: Set<string>;
  /** The first heading's text, for a table of contents that has none. */
  heading?: string;
  /** Whether there is anything to read or see (text or an image). */
  hasContent: boolean;
}

/** Kept as they are. */
const ELEMENTS = new Set(
  (
    'a abbr address article aside b bdi bdo big blockquote br caption cite code col colgroup dd ' +
    'del dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li ' +
    'main mark nav ol p pre q rp rt ruby s samp section small span strong sub sup table tbody td ' +
    'tfoot th thead tr u ul var wbr'
  ).split(' '),
);
/** Obsolete elements Mobipocket books are full of, as their modern equal. */
const RENAMED: Record<string, string> = {
  center: 'div',
  font: 'span',
  strike: 's',
  tt: 'code',
  listing: 'pre',
  plaintext: 'pre',
  // An SVG cover's <image> (KF8): the picture is what matters.
  image: 'img',
};
/** Dropped with everything inside (raw-text ones are skipped by the tokenizer already). */
const DROPPED = new Set(
  (
    'head script style title iframe frameset object applet audio video canvas template ' +
    'textarea select option datalist map math noscript'
  ).split(' '),
);
/** Dropped, but with no content to drop: HTML never closes them. */
const DROPPED_VOID = new Set(
  'input embed area frame source track param keygen link meta base'.split(' '),
);
const VOID = new Set(['br', 'hr', 'img', 'wbr', 'col']);
const BLOCKS = new Set(
  (
    'address article aside blockquote center div dl figure footer h1 h2 h3 h4 h5 h6 header hr ' +
    'main nav ol p pre section table ul'
  ).split(' '),
);
const ITEMS = new Set(['li', 'dt', 'dd']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Where a paragraph or list item left open stops being found (HTML's scopes, simplified). */
const SCOPE_LIMITS = new Set(['table', 'td', 'th', 'caption', 'blockquote', 'figure']);
/** Start tags that close an open element of the same family first (HTML's implied end tags). */
const CLOSES: Record<string, { closes: string[]; within: string[] }> = {
  li: { closes: ['li'], within: ['ol', 'ul'] },
  dt: { closes: ['dt', 'dd'], within: ['dl'] },
  dd: { closes: ['dt', 'dd'], within: ['dl'] },
  tr: { closes: ['tr', 'td', 'th'], within: ['table', 'tbody', 'thead', 'tfoot'] },
  td: { closes: ['td', 'th'], within: ['tr'] },
  th: { closes: ['td', 'th'], within: ['tr'] },
  tbody: { closes: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'], within: ['table'] },
  thead: { closes: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'], within: ['table'] },
  tfoot: { closes: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'], within: ['table'] },
};

const NUMBER = /^\d{1,5}$/;
const LANGUAGE = /^[A-Za-z]{1,8}(?:-[A-Za-z\d]{1,8})*$/;
const ALIGN = new Set(['left', 'right', 'center', 'justify']);
/** CSS that could load something or run something. */
const UNSAFE_STYLE = /url\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding|javascript:/i;

/** Characters XML 1.0 does not allow (C0 controls but tab and newlines, lone surrogates, U+FFFE/F). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function toXhtmlBody(html: string, links: XhtmlLinks): XhtmlBody {
  const out: string[] = [];
  const open: string[] = [];
  const ids = new Set<string>();
  let dropping: { name: string; depth: number } | undefined;
  let hasContent = false;
  let heading: { depth: number; text: string } | undefined;
  let firstHeading: string | undefined;

  const close = (count: number) => {
    for (let i = 0; i < count; i++) {
      const name = open.pop();
      if (name === undefined) return;
      out.push(`</${name}>`);
      if (heading && open.length < heading.depth) {
        firstHeading ??= heading.text.replace(/\s+/g, ' ').trim() || undefined;
        heading = undefined;
      }
    }
  };
  /** Closes up to and including the innermost of `names`, unless a limit comes first. */
  const closeFamily = (names: readonly string[], limits: ReadonlySet<string>) => {
    for (let i = open.length - 1; i >= 0; i--) {
      const name = open[i] ?? '';
      if (names.includes(name)) {
        close(open.length - i);
        return;
      }
      if (limits.has(name)) return;
    }
  };

  for (const token of tokenizeHtml(html)) {
    if (dropping) {
      if (token.kind === 'start' && token.name === dropping.name && !token.selfClosing)
        dropping.depth++;
      if (token.kind === 'end' && token.name === dropping.name && --dropping.depth === 0)
        dropping = undefined;
      continue;
    }
    if (token.kind === 'text') {
      if (token.text === '') continue;
      out.push(escapeXml(token.text));
      if (/\S/.test(token.text)) hasContent = true;
      if (heading) heading.text += token.text;
      continue;
    }
    if (DROPPED_VOID.has(token.name)) continue;
    if (token.kind === 'start' && DROPPED.has(token.name)) {
      if (!token.selfClosing) dropping = { name: token.name, depth: 1 };
      continue;
    }
    const name = RENAMED[token.name] ?? token.name;
    if (!ELEMENTS.has(name)) continue;
    if (token.kind === 'end') {
      if (VOID.has(name)) continue;
      const at = open.lastIndexOf(name);
      if (at !== -1) close(open.length - at);
      continue;
    }
    // Implied ends: a block closes an open paragraph, a heading an open heading, an item the last.
    if (BLOCKS.has(token.name) || ITEMS.has(name)) closeFamily(['p'], SCOPE_LIMITS);
    if (HEADINGS.has(name) && HEADINGS.has(open[open.length - 1] ?? '')) close(1);
    const family = CLOSES[name];
    if (family) closeFamily(family.closes, new Set([...family.within, ...SCOPE_LIMITS]));

    const attributes = keptAttributes(token.name, name, token.attributes, links, ids);
    if (attributes === undefined) continue;
    if (name === 'img') hasContent = true;
    out.push(`<${name}${attributes}${VOID.has(name) ? '/>' : '>'}`);
    if (VOID.has(name)) continue;
    if (token.selfClosing) {
      out.push(`</${name}>`);
      continue;
    }
    open.push(name);
    if (HEADINGS.has(name) && !heading && firstHeading === undefined)
      heading = { depth: open.length, text: '' };
  }
  close(open.length);
  return {
    xhtml: out.join(''),
    ids,
    ...(firstHeading !== undefined && { heading: firstHeading }),
    hasContent,
  };
}

/**
 * The attributes an element keeps, serialised (` id="x" class="y"`); undefined
 * when the element itself must go (an image from nowhere in the book).
 */
function keptAttributes(
  written: string,
  name: string,
  attributes: ReadonlyMap<string, string>,
  links: XhtmlLinks,
  ids: Set<string>,
): string | undefined {
  const kept: [string, string][] = [];
  const styles: string[] = [];
  // KF8 marks elements with `aid`, old books anchors with `name`; links point at either (see kf8-book).
  const aid = attributes.get('aid');
  const id =
    attributes.get('id') || (name === 'a' && attributes.get('name')) || (aid && `aid-${aid}`);
  if (id && !ids.has(id) && !/\s/.test(id)) {
    ids.add(id);
    kept.push(['id', id]);
  }
  for (const key of ['class', 'title']) {
    const value = attributes.get(key)?.trim();
    if (value) kept.push([key, value]);
  }
  const lang = attributes.get('lang') ?? attributes.get('xml:lang');
  if (lang && LANGUAGE.test(lang)) kept.push(['lang', lang]);
  const dir = attributes.get('dir')?.toLowerCase();
  if (dir === 'ltr' || dir === 'rtl' || dir === 'auto') kept.push(['dir', dir]);
  const align = attributes.get('align')?.toLowerCase();
  if (align && ALIGN.has(align) && name !== 'img') styles.push(`text-align: ${align}`);
  if (written === 'center') styles.push('text-align: center');
  const style = attributes.get('style')?.trim();
  if (style && !UNSAFE_STYLE.test(style)) styles.push(style.replace(/;\s*$/, ''));

  if (name === 'a') {
    const href = attributes.get('href');
    const target = href === undefined ? undefined : links.link(href.trim());
    if (target !== undefined) kept.push(['href', target]);
  }
  if (name === 'img') {
    const src = attributes.get('src') ?? attributes.get('xlink:href') ?? attributes.get('href');
    const target = src === undefined ? undefined : links.resource(src.trim());
    if (target === undefined) return undefined;
    kept.push(['src', target], ['alt', attributes.get('alt') ?? '']);
    for (const key of ['width', 'height']) {
      const value = attributes.get(key);
      if (value && NUMBER.test(value)) kept.push([key, value]);
    }
  }
  if (name === 'td' || name === 'th') {
    for (const key of ['colspan', 'rowspan']) {
      const value = attributes.get(key);
      if (value && NUMBER.test(value) && value !== '0') kept.push([key, value]);
    }
  }
  if (name === 'col' || name === 'colgroup') {
    const span = attributes.get('span');
    if (span && NUMBER.test(span) && span !== '0') kept.push(['span', span]);
  }
  if (name === 'ol') {
    const start = attributes.get('start');
    if (start && NUMBER.test(start)) kept.push(['start', start]);
  }
  if (styles.length > 0) kept.push(['style', styles.join('; ')]);
  return kept.map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
}
