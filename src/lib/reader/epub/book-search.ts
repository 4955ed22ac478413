import { excerptAround, findMatches, foldQuery, locateOffset, type Excerpt } from './text-search';

/** A spine section as the search needs it (epubjs's Section fits). */
export interface SearchableSection {
  index: number;
  /** The section's document element; epubjs parses the chapter without showing or running it. */
  load(): Promise<Element>;
  cfiFromRange(range: Range): string;
  /** Lets the parsed chapter go once searched. */
  unload?(): void;
}

export interface SearchHit {
  cfi: string;
  section: number;
  excerpt: Excerpt;
}

/** Past this many hits the search stops: a list that long is not read, the query is refined. */
export const MAX_HITS = 300;

/** Elements whose text reads as its own paragraph: a match never spans two of them. */
const BLOCKS = new Set(
  'address article aside blockquote body dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul'.split(
    ' ',
  ),
);
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'noscript']);

function blockOf(node: Node): Element | undefined {
  let element = node.parentElement;
  while (element) {
    const name = element.localName.toLowerCase();
    if (SKIPPED.has(name)) return undefined;
    if (BLOCKS.has(name)) return element;
    element = element.parentElement;
  }
  return undefined;
}

/** The text nodes of a chapter's body grouped by the block they read in, in document order. */
function textBlocks(body: Element): Text[][] {
  const doc = body.ownerDocument;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  const blocks: Text[][] = [];
  let current: Element | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const block = blockOf(node);
    if (!block) continue;
    if (block !== current || blocks.length === 0) blocks.push([]);
    current = block;
    blocks[blocks.length - 1]?.push(node as Text);
  }
  return blocks;
}

/** The query's hits in one chapter document, each with a CFI and its sentence around it. */
export function searchDocument(
  root: Element,
  query: string,
  cfiFromRange: (range: Range) => string,
  section: number,
): SearchHit[] {
  const body = root.ownerDocument.querySelector('body') ?? root;
  const hits: SearchHit[] = [];
  for (const nodes of textBlocks(body)) {
    const texts = nodes.map((node) => node.data);
    const text = texts.join('');
    const matches = findMatches(text, query);
    if (matches.length === 0) continue;
    const starts: number[] = [];
    texts.reduce((at, t) => (starts.push(at), at + t.length), 0);
    for (const match of matches) {
      const from = locateOffset(starts, match.start);
      const to = locateOffset(starts, match.end, true);
      const startNode = nodes[from.index];
      const endNode = nodes[to.index];
      if (!startNode || !endNode) continue;
      const range = body.ownerDocument.createRange();
      range.setStart(startNode, from.offset);
      range.setEnd(endNode, to.offset);
      hits.push({
        cfi: cfiFromRange(range),
        section,
        excerpt: excerptAround(text, match.start, match.end),
      });
    }
  }
  return hits;
}

export interface SearchProgress {
  hits: SearchHit[];
  searched: number;
  total: number;
  /** More hits than MAX_HITS: the search stopped there. */
  capped: boolean;
}

/**
 * Searches the sections in order, reporting after each one, and yields to
 * the page between sections so typing and turning pages stay smooth.
 * Stops when `signal` aborts (a new query replaced this one).
 */
export async function searchBook(
  sections: readonly SearchableSection[],
  query: string,
  report: (progress: SearchProgress) => void,
  signal: AbortSignal,
): Promise<SearchProgress> {
  const progress: SearchProgress = { hits: [], searched: 0, total: sections.length, capped: false };
  if (!foldQuery(query)) return progress;
  for (const section of sections) {
    if (signal.aborted) break;
    try {
      const root = await section.load();
      const found = searchDocument(
        root,
        query,
        (range) => section.cfiFromRange(range),
        section.index,
      );
      progress.hits.push(...found);
    } catch {
      // A chapter that does not parse is skipped; the others are still searched.
    } finally {
      section.unload?.();
    }
    progress.searched += 1;
    if (progress.hits.length >= MAX_HITS) {
      progress.hits.length = MAX_HITS;
      progress.capped = true;
    }
    if (signal.aborted) break;
    report({ ...progress, hits: [...progress.hits] });
    if (progress.capped) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return progress;
}
