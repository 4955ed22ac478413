import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BookFormatError } from '../errors';

/**
 * Safe XML for metadata documents (container.xml, OPF, ComicInfo, …). The
 * DOCTYPE is cut out before parsing, so no declared entity is ever expanded
 * and nothing external is ever fetched; only the five XML entities and
 * numeric character references are decoded. Anything else stays literal.
 */

/** An element with its namespace prefix removed from the tag and attribute names. */
export interface XmlElement {
  /** Local name, as written ("title" for `<dc:title>`). */
  name: string;
  /** Attributes by local name (`opf:role` → `role`, `xml:lang` → `lang`); no `xmlns`. */
  attributes: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** All text inside the element, descendants included, as written (not trimmed). */
  text: string;
}

export interface XmlDocument {
  root: XmlElement;
  /** Entities the DOCTYPE declared. They were not expanded; references stay literal. */
  declaredEntities: DeclaredEntity[];
}

/** An entity a DOCTYPE declared; `external` when it names a SYSTEM or PUBLIC resource. */
export interface DeclaredEntity {
  name: string;
  external: boolean;
}

/** 4 MiB of text is far more than any metadata document needs. */
export const MAX_XML_CHARS = 4 * 1024 * 1024;

export interface ParseXmlOptions {
  /** Shown in error messages, e.g. the entry path. */
  name?: string;
  maxChars?: number;
}

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlDocument {
  const { parsed, entities } = parseOrdered(parser, text, options);
  const root = toElements(parsed)[0];
  const name = options.name ?? 'XML document';
  if (!root) throw new BookFormatError('invalid-xml', `${name} has no root element.`);
  return { root, declaredEntities: entities };
}

/**
 * The checks every parse makes (size, DOCTYPE cut out, well-formed) and
 * fast-xml-parser's preserveOrder output of `text` by `withParser`.
 */
export function parseOrdered(
  withParser: XMLParser,
  text: string,
  options: ParseXmlOptions = {},
): { parsed: unknown; entities: DeclaredEntity[] } {
  const name = options.name ?? 'XML document';
  const maxChars = options.maxChars ?? MAX_XML_CHARS;
  if (text.length > maxChars) {
    throw new BookFormatError(
      'entry-too-large',
      `${name} is ${text.length} characters long, over the ${maxChars} limit for metadata documents.`,
    );
  }
  const { xml, entities } = stripDoctype(text.replace(/^\uFEFF/, ''), name);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new BookFormatError(
      'invalid-xml',
      `${name} is not well-formed XML (line ${line}, column ${col}): ${msg}`,
    );
  }
  try {
    return { parsed: withParser.parse(xml), entities };
  } catch (error) {
    // The validator passed, but the parser has its own limits (e.g. nesting depth).
    const reason = error instanceof Error ? error.message : String(error);
    throw new BookFormatError('invalid-xml', `${name} could not be parsed: ${reason}`);
  }
}

/** A warning for the user when the document declared entities, else undefined. */
export function entityWarning(doc: XmlDocument, name: string): string | undefined {
  if (doc.declaredEntities.length === 0) return undefined;
  const names = doc.declaredEntities.map((e) => (e.external ? `${e.name} (external)` : e.name));
  return `${name} declares XML entities (${names.join(', ')}); they were ignored and left unexpanded.`;
}

/** Child elements with this local name (case-sensitive, as XML is). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Every descendant with this local name, in document order. */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name === name) found.push(child);
    found.push(...descendantsNamed(child, name));
  }
  return found;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/g;

/**
 * Decodes the five XML entities and numeric character references; any other
 * reference (a named entity, an invalid code point) becomes what `other`
 * returns for it. Nothing a DOCTYPE declared is ever looked up.
 */
export function decodeReferences(text: string, other: (whole: string) => string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, ref: string) => {
    if (!ref.startsWith('#')) return XML_ENTITIES[ref] ?? other(whole);
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : other(whole);
  });
}

/**
 * fast-xml-parser set up for untrusted documents: order kept, values as
 * written, entities only through `decode`. Names like toString are escaped
 * by the parser (unescaped in localName()); __proto__, constructor and
 * prototype make it throw, which becomes 'invalid-xml'.
 */
export function orderedParser(
  decode: (text: string) => string,
  commentPropName?: string,
): XMLParser {
  return new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    ...(commentPropName ? { commentPropName } : {}),
    onDangerousProperty: (name) => ESCAPED + name,
    entityDecoder: {
      setExternalEntities: () => undefined,
      // The DOCTYPE is stripped before parsing; should one slip through, ignore it.
      addInputEntities: () => undefined,
      reset: () => undefined,
      setXmlVersion: () => undefined,
      decode,
    },
  });
}

// Metadata documents: an unknown reference stays as written.
const parser = orderedParser((text) => decodeReferences(text, (whole) => whole));

export const ATTRIBUTES_KEY = ':@';
export const TEXT_KEY = '#text';

type Node = Record<string, unknown>;

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cannot occur in an XML name, so it marks names the parser escaped. */
export const ESCAPED = '\u0000';

export function localName(escaped: string): string {
  const qualified = escaped.startsWith(ESCAPED) ? escaped.slice(ESCAPED.length) : escaped;
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/** Turns fast-xml-parser's preserveOrder output into XmlElements. */
function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    if (!isNode(node)) continue;
    const tag = Object.keys(node).find((key) => key !== ATTRIBUTES_KEY && key !== TEXT_KEY);
    if (tag === undefined) continue;
    const content = node[tag];
    const children = toElements(content);
    elements.push({
      name: localName(tag),
      attributes: toAttributes(node[ATTRIBUTES_KEY]),
      children,
      text: textOf(content),
    });
  }
  return elements;
}

export function toAttributes(raw: unknown): Record<string, string> {
  // A null prototype: attribute names are data and must not reach Object.prototype.
  const attributes = Object.create(null) as Record<string, string>;
  if (!isNode(raw)) return attributes;
  for (const [qualified, value] of Object.entries(raw)) {
    if (qualified === 'xmlns' || qualified.startsWith('xmlns:')) continue;
    const key = localName(qualified);
    if (typeof value === 'string' && !(key in attributes)) attributes[key] = value;
  }
  return attributes;
}

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const node of content) {
    if (!isNode(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === TEXT_KEY) text += typeof value === 'string' ? value : String(value);
      else if (key !== ATTRIBUTES_KEY) text += textOf(value);
    }
  }
  return text;
}

/**
 * Cuts the DOCTYPE out of the prolog (keeping line breaks, so error positions
 * still match) and lists the entities it declared. Nothing in it is used.
 */
export function stripDoctype(
  text: string,
  name = 'XML document',
): { xml: string; entities: DeclaredEntity[] } {
  const start = findDoctype(text);
  if (start === -1) return { xml: text, entities: [] };
  const end = doctypeEnd(text, start);
  if (end === -1) throw new BookFormatError('invalid-xml', `${name} has an unterminated DOCTYPE.`);
  const doctype = text.slice(start, end);
  const entities: DeclaredEntity[] = [];
  for (const match of doctype.matchAll(/<!ENTITY\s+(?:%\s+)?([^\s"'>]+)\s*(SYSTEM|PUBLIC)?/g)) {
    const entity = match[1];
    if (entity !== undefined) entities.push({ name: entity, external: match[2] !== undefined });
  }
  const blank = doctype.replace(/[^\n]/g, ' ');
  return { xml: text.slice(0, start) + blank + text.slice(end), entities };
}

/** Index of `<!DOCTYPE` in the prolog (before the root element), or -1. */
function findDoctype(text: string): number {
  let i = 0;
  while (i < text.length) {
    const next = text.indexOf('<', i);
    if (next === -1) return -1;
    if (text.startsWith('<?', next)) i = skipPast(text, next, '?>');
    else if (text.startsWith('<!--', next)) i = skipPast(text, next, '-->');
    else return text.startsWith('<!DOCTYPE', next) ? next : -1;
    if (i === -1) return -1;
  }
  return -1;
}

function skipPast(text: string, from: number, terminator: string): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length;
}

/** Index just past the DOCTYPE's closing `>`, honouring quotes, comments and the `[…]` subset. */
function doctypeEnd(text: string, start: number): number {
  let inSubset = false;
  let i = start + '<!DOCTYPE'.length;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipPast(text, i + 1, c);
    } else if (inSubset && text.startsWith('<!--', i)) {
      i = skipPast(text, i, '-->');
    } else if (inSubset && text.startsWith('<?', i)) {
      i = skipPast(text, i, '?>');
    } else {
      if (c === '[') inSubset = true;
      else if (c === ']') inSubset = false;
      else if (c === '>' && !inSubset) return i + 1;
      i += 1;
    }
    if (i === -1) return -1;
  }
  return -1;
}
