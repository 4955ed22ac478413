import { describe, expect, it } from 'vitest';
import { corpusDir, corpusFiles, NO_CORPUS_MESSAGE, readCorpusSource } from '#test-support/corpus';
import {
  epubjsCfiAt,
  epubjsResolve,
  parseDom,
  textNodes,
  type DomPoint,
} from '#test-support/epubjs-cfi';
import { openZip } from '../archive/zip';
import { openSpineDocuments } from '../formats/epub/spine-documents';
import { parseCfi } from './epub-cfi';
import { cfiToXPointer, xpointerToCfi } from './xpointer-cfi';
import { fragmentXPointer, inFragment, parseXPointer } from './xpointer';

const TIME_MACHINE = 'epub/se_h-g-wells_the-time-machine.epub';

/** Points worth a position: the start of each text node with letters, and a letter half-way in. */
function samplePoints(body: DomPoint['node']): DomPoint[] {
  return textNodes(body)
    .filter((node) => /\S/.test(node.nodeValue ?? ''))
    .flatMap((node) => {
      const text = node.nodeValue ?? '';
      const middle = text.slice(text.length >> 1).search(/\S/);
      return [0, ...(middle >= 0 ? [(text.length >> 1) + middle] : [])].map((offset) => ({
        node,
        offset,
      }));
    });
}

describe.skipIf(!corpusDir)('positions in real EPUBs: epub.js CFI → xpointer → CFI', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  let checked = 0;

  it.each(corpusFiles('epub', '.epub'))('%s', async (rel) => {
    const source = await readCorpusSource(rel);
    const book = await openSpineDocuments(source);
    const zip = await openZip(source);
    try {
      for (const [i, item] of book.spine.items.entries()) {
        if (!item.path || !item.mediaType?.includes('html')) continue;
        const xhtml = await zip.readText(item.path, 16 * 1024 * 1024);
        const dom = parseDom(xhtml);
        const html = await book.document(i);
        const body = Array.from(dom.documentElement.childNodes).find((n) => n.nodeName === 'body');
        if (!body) continue;
        const base = `/${book.spine.step}/${(i + 1) * 2}${item.id ? `[${item.id}]` : ''}`;
        for (const point of samplePoints(body)) {
          const cfi = epubjsCfiAt(point, base);
          const target = cfiToXPointer(parseCfi(cfi)!, html);
          expect(target.precision, `${item.path}: ${cfi}`).toBe('exact');
          const back = xpointerToCfi({ fragment: i + 1, ...target }, book.spine, html);
          expect(back?.precision).toBe('exact');
          const found = epubjsResolve(back!.position, dom);
          expect(found?.node, `${cfi} → ${fragmentXPointer({ fragment: i + 1, ...target })}`).toBe(
            point.node,
          );
          expect(found?.offset).toBe(point.offset);
          checked++;
        }
      }
    } finally {
      await zip.close();
      await book.close();
    }
  });

  it('checked thousands of positions (a book of images only has none)', () => {
    expect(checked).toBeGreaterThan(5000);
  });
});

describe.skipIf(!corpusDir)('xpointers as crengine writes them, in The Time Machine', () => {
  // Chapter I is the third spine item (titlepage, imprint, chapter-1): DocFragment[3].
  // Its <section> holds an <h2> and the paragraphs; the 8th paragraph is
  // “So most people think. But wait a moment. Can an <em>instantaneous</em> cube exist?”
  const cases: [string, string][] = [
    ['/body/DocFragment[3]/body/section/p[8]/text()[2].1', 'cube exist?”'],
    ['/body[1]/DocFragment[3]/body[1]/section[1]/p[8]/text()[1].23', 'But wait a moment. Can an '],
    ['/body/DocFragment[3]/body/section/p[8]/em/text().4', 'antaneous'],
    ['/body/DocFragment[3]/body/section/h2/text().0', 'I'],
  ];
  it.each(cases)('%s is at “%s”', async (xpointer, text) => {
    const book = await openSpineDocuments(await readCorpusSource(TIME_MACHINE));
    try {
      const pointer = inFragment(parseXPointer(xpointer)!)!;
      const html = await book.document(pointer.fragment - 1);
      const cfi = xpointerToCfi(pointer, book.spine, html);
      expect(cfi?.precision).toBe('exact');
      const zip = await openZip(await readCorpusSource(TIME_MACHINE));
      const dom = parseDom(await zip.readText('epub/text/chapter-1.xhtml', 1 << 24));
      await zip.close();
      const found = epubjsResolve(cfi!.position, dom);
      expect((found?.node.nodeValue ?? '').slice(found?.offset)).toBe(text);
    } finally {
      await book.close();
    }
  });

  it("puts <spine> where epub.js does: the package's third element, /6", async () => {
    const book = await openSpineDocuments(await readCorpusSource(TIME_MACHINE));
    await book.close();
    expect(book.spine.step).toBe(6);
    expect(book.spine.items[2]?.path).toBe('epub/text/chapter-1.xhtml');
  });
});
