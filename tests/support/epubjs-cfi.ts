import { DOMParser } from '@xmldom/xmldom';
// @ts-expect-error epub.js ships no types for its sources; the in-app reader runs this very class.
import EpubCFI from 'epubjs/src/epubcfi';
// @ts-expect-error as above
import { RangeObject } from 'epubjs/src/utils/core';

/**
 * epub.js's own CFI code (what the in-app EPUB reader writes and reads), run
 * over an XHTML document parsed by @xmldom/xmldom (epub.js's own dependency)
 * as a browser would parse it: tests check our CFIs against it, not against
 * our own idea of them.
 */

export interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
  getAttribute?(name: string): string | null;
}

export interface DomPoint {
  node: DomNode;
  offset: number;
}

interface EpubCfiInstance {
  toString(): string;
  toRange(doc: unknown): { startContainer: DomNode; startOffset: number } | null;
}
type EpubCfiClass = new (from?: unknown, base?: string) => EpubCfiInstance;
const Cfi = EpubCFI as EpubCfiClass;
const Range = RangeObject as new () => {
  setStart(node: DomNode, offset: number): void;
  setEnd(node: DomNode, offset: number): void;
};

export interface DomDocument {
  documentElement: DomNode;
}

/** Parses XHTML as a browser's XML parser does; elements get `id` as browsers give it. */
export function parseDom(xhtml: string): DomDocument {
  const doc = new DOMParser().parseFromString(xhtml, 'application/xhtml+xml') as unknown as {
    documentElement: DomNode;
  };
  const proto = Object.getPrototypeOf(doc.documentElement) as object;
  if (!Object.getOwnPropertyDescriptor(proto, 'id'))
    Object.defineProperty(proto, 'id', {
      get(this: { getAttribute(name: string): string | null }) {
        return this.getAttribute('id') ?? '';
      },
    });
  return doc;
}

/** The CFI epub.js writes for a point in a spine item's document (`base`: `/6/14[id]`). */
export function epubjsCfiAt(point: DomPoint, base: string): string {
  const range = new Range();
  range.setStart(point.node, point.offset);
  range.setEnd(point.node, point.offset);
  return new Cfi(range, base).toString();
}

/** Where epub.js puts a CFI in the document; undefined when it finds nothing. */
export function epubjsResolve(cfi: string, doc: DomDocument): DomPoint | undefined {
  const range = new Cfi(cfi).toRange(doc);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** Every text node under a node, in document order. */
export function textNodes(node: DomNode): DomNode[] {
  const found: DomNode[] = [];
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) found.push(child);
    else if (child.nodeType === 1) found.push(...textNodes(child));
  }
  return found;
}
