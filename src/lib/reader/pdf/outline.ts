import type { PDFDocumentProxy } from 'pdfjs-dist';

/** An outline entry as pdf.js gives it (the fields the reader uses). */
export interface OutlineNode {
  title: string;
  /** A named destination, an explicit one ([page ref or index, fit, …]), or none. */
  dest: string | unknown[] | null;
  items: OutlineNode[];
}

/** An entry of the reader's Contents: a title, where it leads, and its sub-entries. */
export interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
  children: OutlineItem[];
}

/** The part of a pdf.js document that turns destinations into pages. */
export type Destinations = Pick<PDFDocumentProxy, 'getDestination' | 'getPageIndex'>;

/**
 * The Contents as the reader lists them. Entries that lead nowhere in the
 * book (a web link, a broken entry) and hold nothing are dropped; a nameless
 * one is called "Untitled" so it can still be read out and clicked.
 */
export function toOutline(nodes: readonly OutlineNode[]): OutlineItem[] {
  return nodes.flatMap((node) => {
    const children = toOutline(node.items ?? []);
    if (!node.dest && children.length === 0) return [];
    const title = node.title.replace(/\s+/g, ' ').trim() || 'Untitled';
    return [{ title, dest: node.dest, children }];
  });
}

/** The 0-based page a destination leads to, or undefined when it leads nowhere in this file. */
export async function destinationPage(
  doc: Destinations,
  dest: string | unknown[] | null,
): Promise<number | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    const target: unknown = explicit?.[0];
    // Some writers put a page index where the spec wants a page reference.
    if (typeof target === 'number') return Number.isInteger(target) ? target : undefined;
    if (isRef(target)) return await doc.getPageIndex(target);
  } catch {
    // A destination naming a page that is not in the page tree: it leads nowhere.
  }
  return undefined;
}

function isRef(value: unknown): value is { num: number; gen: number } {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as { num?: unknown }).num === 'number' &&
    typeof (value as { gen?: unknown }).gen === 'number'
  );
}
