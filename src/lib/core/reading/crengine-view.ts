import { isElement, isText, type ContentElement, type ContentNode } from '../xml/xml-content';

/**
 * A content document as KOReader's engine (crengine) holds it, for its
 * xpointers: the same elements as the DOM, but fewer text nodes, and text
 * with white space collapsed. Read from crengine's lvtinydom.cpp and
 * lvxml.cpp: ldomElementWriter::onText drops a block's leading white-space
 * text; ldomNode::autoboxChildren trims white-space text around block
 * children (and removes runs of nothing else); PreProcessXmlString turns
 * \r \n \t into spaces and keeps one space of a run, outside <pre>.
 * Elements' display comes from the HTML defaults here, not the book's CSS.
 */

/** Elements the default stylesheet displays as blocks. */
// prettier-ignore
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul',
]);

/** Elements whose text keeps its white space (CSS white-space: pre by default). */
const PREFORMATTED = new Set(['pre', 'textarea', 'listing', 'xmp', 'plaintext']);

const isBlock = (node: ContentNode) => isElement(node) && BLOCKS.has(node.name.toLowerCase());
const isBlank = (node: ContentNode) => isText(node) && /^[ \r\n\t]*$/.test(node.text);

export const isPreformatted = (element: ContentElement): boolean =>
  PREFORMATTED.has(element.name.toLowerCase());

/** The children crengine keeps of an element (`pre`: inside preformatted text), in order. */
export function crengineChildren(element: ContentElement, pre: boolean): ContentNode[] {
  const children = element.children;
  if (pre || isPreformatted(element)) return children;
  if (children.some(isBlock)) {
    // Between block children, each run of other nodes loses its blank text at both ends.
    const kept: ContentNode[] = [];
    let run: ContentNode[] = [];
    const endRun = () => {
      let start = 0;
      let end = run.length;
      while (start < end && isBlank(run[start] as ContentNode)) start++;
      while (end > start && isBlank(run[end - 1] as ContentNode)) end--;
      kept.push(...run.slice(start, end));
      run = [];
    };
    for (const child of children) {
      if (!isBlock(child)) run.push(child);
      else {
        endRun();
        kept.push(child);
      }
    }
    endRun();
    return kept;
  }
  const first = children[0];
  return isBlock(element) && first !== undefined && isBlank(first) ? children.slice(1) : children;
}

/** The characters crengine keeps of a text node, as flags over its code points. */
function* keptCodePoints(text: string, pre: boolean): Generator<{ at: number; kept: boolean }> {
  let spaces = 0;
  let at = 0;
  for (const char of text) {
    let kept = true;
    if (pre) {
      // \r\n is one \n.
      kept = !(char === '\r' && text[at + 1] === '\n');
    } else if (char === ' ' || char === '\r' || char === '\n' || char === '\t') {
      kept = spaces === 0;
      spaces++;
    } else spaces = 0;
    yield { at, kept };
    at += char.length;
  }
}

/**
 * Where crengine's offset into a text node (code points of its collapsed
 * text) falls in the DOM's text (UTF-16 units of the text as written).
 */
export function domOffset(text: string, offset: number, pre: boolean): number {
  let count = 0;
  for (const { at, kept } of keptCodePoints(text, pre)) {
    if (!kept) continue;
    if (count === offset) return at;
    count++;
  }
  return text.length;
}

/** The reverse of domOffset: a DOM offset into a text node as crengine counts it. */
export function crengineOffset(text: string, offset: number, pre: boolean): number {
  let count = 0;
  for (const { at, kept } of keptCodePoints(text, pre)) {
    if (at >= offset) break;
    if (kept) count++;
  }
  return count;
}
