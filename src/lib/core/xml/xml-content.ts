import { BookFormatError } from '../errors';
import {
  ATTRIBUTES_KEY,
  decodeReferences,
  isNode,
  localName,
  orderedParser,
  parseOrdered,
  TEXT_KEY,
  toAttributes,
  type ParseXmlOptions,
} from './parse-xml';

/**
 * A content document (an EPUB chapter's XHTML) as a DOM has it: each
 * element's children in order, text nodes included. Reading positions
 * (CFIs, KOReader's xpointers) count text nodes and elements, so the
 * metadata parser's elements-only tree cannot serve them. The same safety
 * as parseXml: no DOCTYPE, no entity expansion, a size cap.
 */
export interface ContentElement {
  /** Local name, as written. */
  name: string;
  attributes: Readonly<Record<string, string>>;
  /** Child elements and text nodes, in document order. */
  children: ContentNode[];
}

/** A text node: an object, so that two nodes with the same text are still two. */
export interface ContentText {
  text: string;
}

export type ContentNode = ContentElement | ContentText;

export const isElement = (node: ContentNode): node is ContentElement => 'children' in node;
export const isText = (node: ContentNode): node is ContentText => !('children' in node);

const COMMENT_KEY = '#comment';

/**
 * XHTML's named entities (&nbsp;, &mdash;) are one character each in a
 * browser's DOM, which is what positions count. Text nodes on either side
 * of a comment stay two, as in a DOM.
 */
const parser = orderedParser((text) => decodeReferences(text, () => '\uFFFD'), COMMENT_KEY);

/** Chapters are larger than metadata documents; past this a position is only a percentage. */
export const MAX_CONTENT_CHARS = 16 * 1024 * 1024;

/** Parses a content document; throws BookFormatError when it is not well-formed XML. */
export function parseXmlContent(text: string, options: ParseXmlOptions = {}): ContentElement {
  const { parsed } = parseOrdered(parser, text, { maxChars: MAX_CONTENT_CHARS, ...options });
  const root = toContent(parsed).find(isElement);
  if (!root) throw new BookFormatError('invalid-xml', `${options.name ?? 'XML'} has no root.`);
  return root;
}

function toContent(nodes: unknown): ContentNode[] {
  if (!Array.isArray(nodes)) return [];
  const content: ContentNode[] = [];
  for (const node of nodes) {
    if (!isNode(node)) continue;
    if (TEXT_KEY in node) {
      const text = String(node[TEXT_KEY]);
      // The parser gives adjacent text in pieces at times; a DOM has one node.
      const last = content.at(-1);
      if (last && isText(last)) last.text += text;
      else content.push({ text });
      continue;
    }
    if (COMMENT_KEY in node) {
      // A comment ends a text node: the next text starts another.
      content.push({ name: COMMENT_KEY, attributes: {}, children: [] });
      continue;
    }
    const tag = Object.keys(node).find((key) => key !== ATTRIBUTES_KEY);
    if (tag === undefined) continue;
    content.push({
      name: localName(tag),
      attributes: toAttributes(node[ATTRIBUTES_KEY]),
      children: toContent(node[tag]),
    });
  }
  // Comments were only separators: a DOM's elements and text nodes are what count.
  return content.filter((node) => !isElement(node) || node.name !== COMMENT_KEY);
}
