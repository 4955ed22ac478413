/**
 * KOReader's positions in reflowable books: crengine's xpointers, e.g.
 * `/body/DocFragment[12]/body/div/p[3]/text()[2].15`. Each step names an
 * element and its rank among its parent's elements of that name (or a text
 * node and its rank among the text nodes), 1-based; a rank may be left out
 * when it is the only one (toStringV2), or written `[1]` even then (since
 * crengine's DOM version 20260812). `.N` ends it: a character offset in a
 * text node, or a child index in an element. An EPUB's spine items are the
 * DocFragments of one `body`, in spine order.
 */

export const TEXT_STEP = 'text()';

export interface XPointerStep {
  /** An element's name, or `text()`. */
  name: string;
  /** 1-based rank among siblings of that name (text nodes among text nodes); absent: the first. */
  index?: number;
}

export interface XPointer {
  steps: XPointerStep[];
  /** `.N`: characters into a text node, or a child index of an element. */
  offset?: number;
}

const STEP = /^([^[\]/.]+|text\(\))(?:\[(\d{1,9})\])?$/;

/** Reads an xpointer; undefined when it is not one (a page number, say). */
export function parseXPointer(text: string): XPointer | undefined {
  if (!text.startsWith('/') || text.length > 4096) return undefined;
  const point = /\.(\d{1,9})$/.exec(text);
  const path = point ? text.slice(0, point.index) : text;
  const steps: XPointerStep[] = [];
  for (const part of path.slice(1).split('/')) {
    const match = STEP.exec(part);
    if (!match) return undefined;
    const index = match[2] === undefined ? undefined : Number(match[2]);
    if (index === 0) return undefined;
    steps.push({ name: match[1] as string, ...(index === undefined ? {} : { index }) });
  }
  return { steps, ...(point ? { offset: Number(point[1]) } : {}) };
}

export function formatXPointer(pointer: XPointer): string {
  const path = pointer.steps
    .map((step) => `/${step.name}${step.index === undefined ? '' : `[${step.index}]`}`)
    .join('');
  return pointer.offset === undefined ? path : `${path}.${pointer.offset}`;
}

/** An EPUB position: which DocFragment (1-based, its spine item's index + 1), and the steps inside it. */
export interface FragmentPointer {
  fragment: number;
  steps: XPointerStep[];
  offset?: number;
}

/** The DocFragment an xpointer is in, and the rest of it; undefined when it names none. */
export function inFragment(pointer: XPointer): FragmentPointer | undefined {
  const [root, fragment, ...steps] = pointer.steps;
  if (root?.name !== 'body' || (root.index ?? 1) !== 1 || fragment?.name !== 'DocFragment')
    return undefined;
  return {
    fragment: fragment.index ?? 1,
    steps,
    ...(pointer.offset === undefined ? {} : { offset: pointer.offset }),
  };
}

/** An xpointer into a DocFragment, written as toStringV2 writes it. */
export function fragmentXPointer(pointer: FragmentPointer): string {
  return formatXPointer({
    steps: [{ name: 'body' }, { name: 'DocFragment', index: pointer.fragment }, ...pointer.steps],
    ...(pointer.offset === undefined ? {} : { offset: pointer.offset }),
  });
}
