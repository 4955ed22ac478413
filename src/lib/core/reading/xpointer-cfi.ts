import type { Spine } from '../formats/epub/spine';
import {
  isElement,
  isText,
  type ContentElement,
  type ContentNode,
  type ContentText,
} from '../xml/xml-content';
import { crengineChildren, crengineOffset, domOffset, isPreformatted } from './crengine-view';
import { formatCfi, type CfiStep, type EpubCfi } from './epub-cfi';
import { TEXT_STEP, type FragmentPointer, type XPointerStep } from './xpointer';

/**
 * KOReader's xpointers and the in-app reader's CFIs, one into the other,
 * over the content document they both point into. `exact`: the same
 * character (or element); `element`: a step could not be followed, so the
 * position is the last element both agree on; `chapter`: only the spine item.
 */
export type Precision = 'exact' | 'element' | 'chapter';

export interface Translated {
  position: string;
  precision: Precision;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const elementsOf = (element: ContentElement) => element.children.filter(isElement);
const textsOf = (nodes: readonly ContentNode[]) => nodes.filter(isText);

/** The CFI step of an element: its place among its parent's elements, and its id. */
function elementStep(parent: ContentElement, child: ContentElement): CfiStep {
  const id = child.attributes['id'];
  return { index: (elementsOf(parent).indexOf(child) + 1) * 2, ...(id ? { id } : {}) };
}

/** The CFI step of a text node: epub.js counts the DOM's text nodes (crengine may keep fewer). */
function textStep(parent: ContentElement, text: ContentText): CfiStep {
  return { index: textsOf(parent.children).indexOf(text) * 2 + 1 };
}

/** The CFI of a spine item's package steps (`/6/14[id]`). */
function packageSteps(spine: Spine, index: number): CfiStep[] {
  const id = spine.items[index]?.id;
  return [{ index: spine.step }, { index: (index + 1) * 2, ...(id ? { id } : {}) }];
}

/**
 * The CFI of an xpointer into spine item `fragment - 1`, whose document is
 * `html`. Undefined when even its <body> cannot be found.
 */
export function xpointerToCfi(
  pointer: FragmentPointer,
  spine: Spine,
  html: ContentElement,
): Translated | undefined {
  const spineIndex = pointer.fragment - 1;
  const body = elementsOf(html).find((e) => sameName(e.name, 'body'));
  if (!body || spineIndex < 0 || spineIndex >= spine.items.length) return undefined;
  const cfi = (steps: CfiStep[], offset?: number) =>
    formatCfi({
      package: packageSteps(spine, spineIndex),
      steps,
      ...(offset === undefined ? {} : { offset }),
    });
  const [first, ...rest] = pointer.steps;
  const steps: CfiStep[] = [elementStep(html, body)];
  // `/body/DocFragment[N].0` and the like: the chapter itself.
  if (!first || !sameName(first.name, 'body'))
    return { position: cfi(steps), precision: 'chapter' };

  let element = body;
  let pre = false;
  for (const [i, step] of rest.entries()) {
    const children = crengineChildren(element, pre);
    if (step.name === TEXT_STEP) {
      const text = i === rest.length - 1 ? textsOf(children)[(step.index ?? 1) - 1] : undefined;
      if (text === undefined) return { position: cfi(steps), precision: 'element' };
      steps.push(textStep(element, text));
      return {
        position: cfi(steps, domOffset(text.text, pointer.offset ?? 0, pre)),
        precision: 'exact',
      };
    }
    const child = children
      .filter((c): c is ContentElement => isElement(c) && sameName(c.name, step.name))
      .at((step.index ?? 1) - 1);
    if (!child) return { position: cfi(steps), precision: 'element' };
    steps.push(elementStep(element, child));
    pre ||= isPreformatted(child);
    element = child;
  }
  // An element point `.N`: its N-th child as crengine counts them.
  const target =
    pointer.offset === undefined ? undefined : crengineChildren(element, pre)[pointer.offset];
  if (target && isText(target)) {
    steps.push(textStep(element, target));
    return { position: cfi(steps, 0), precision: 'exact' };
  }
  if (target) steps.push(elementStep(element, target));
  return { position: cfi(steps), precision: 'exact' };
}

/** Finds an element by id anywhere below `root`, as getElementById would. */
function byId(root: ContentElement, id: string): ContentElement[] | undefined {
  for (const child of elementsOf(root)) {
    if (child.attributes['id'] === id) return [child];
    const below = byId(child, id);
    if (below) return [child, ...below];
  }
  return undefined;
}

/** Where a CFI points in its spine item's DocFragment: the steps below it and the offset. */
export interface XPointerTarget {
  steps: XPointerStep[];
  offset: number;
  precision: Precision;
}

/**
 * Where a CFI points, in crengine's terms, in the document `html` of its
 * spine item, written as toStringV2 writes it (a rank only where there are
 * several of a name).
 */
export function cfiToXPointer(cfi: EpubCfi, html: ContentElement): XPointerTarget {
  const chapter: XPointerTarget = { steps: [], offset: 0, precision: 'chapter' };
  // The chain of elements the CFI walks, from <html>'s child down (ids first, as epub.js does).
  const chain: ContentElement[] = [];
  let element = html;
  let text: { node: ContentText; offset: number } | undefined;
  let complete = true;
  for (const [i, step] of cfi.steps.entries()) {
    if (step.index % 2 === 1) {
      const node = textsOf(element.children)[(step.index - 1) / 2];
      if (node === undefined || i !== cfi.steps.length - 1) complete = false;
      else text = { node, offset: cfi.offset ?? 0 };
      break;
    }
    const path = step.id ? byId(html, step.id) : undefined;
    const child = path ? path.at(-1) : elementsOf(element)[step.index / 2 - 1];
    if (!child) {
      complete = false;
      break;
    }
    if (path) chain.splice(0, chain.length, ...path);
    else chain.push(child);
    element = child;
  }
  const [body, ...inside] = chain;
  if (!body || !sameName(body.name, 'body') || elementsOf(html).indexOf(body) === -1)
    return chapter;

  const steps: XPointerStep[] = [{ name: 'body' }];
  let parent = body;
  let pre = false;
  for (const child of inside) {
    const named = elementsOf(parent).filter((e) => sameName(e.name, child.name));
    const index = named.indexOf(child) + 1;
    steps.push({ name: child.name.toLowerCase(), ...(named.length > 1 ? { index } : {}) });
    pre ||= isPreformatted(child);
    parent = child;
  }
  const texts = textsOf(crengineChildren(parent, pre));
  const kept = text ? texts.indexOf(text.node) : -1;
  if (!text || kept === -1)
    return { steps, offset: 0, precision: complete && !text ? 'exact' : 'element' };
  steps.push({ name: TEXT_STEP, ...(texts.length > 1 ? { index: kept + 1 } : {}) });
  return { steps, offset: crengineOffset(text.node.text, text.offset, pre), precision: 'exact' };
}

/** The spine item a percentage of the book falls in, by the items' sizes (0-based). */
export function spineItemAt(sizes: readonly number[], percentage: number): number {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total === 0 || sizes.length === 0) return 0;
  const target = Math.min(1, Math.max(0, percentage)) * total;
  let sum = 0;
  for (const [i, size] of sizes.entries()) {
    sum += size;
    if (target < sum) return i;
  }
  return sizes.length - 1;
}
