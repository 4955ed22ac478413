import { describe, expect, it } from 'vitest';
import { epubjsResolve, parseDom } from '#test-support/epubjs-cfi';
import type { Spine } from '../formats/epub/spine';
import { parseXmlContent } from '../xml/xml-content';
import { parseCfi } from './epub-cfi';
import { cfiToXPointer, spineItemAt, xpointerToCfi } from './xpointer-cfi';
import { fragmentXPointer, inFragment, parseXPointer } from './xpointer';

const XHTML = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml">
	<head><title>Two</title></head>
	<body>
		<section id="chapter-2">
			<h2>II</h2>
			<p>First   paragraph.</p>
			<p>“So most people think. Can an <em>instantaneous</em> cube exist?”</p>
			<div class="letter">
				<p>Dear sir,</p>
				<p>Yours, <b>X</b></p>
			</div>
			<p>&#x201C;Last&#x201D; one.</p>
		</section>
	</body>
</html>`;

const spine: Spine = {
  step: 6,
  items: [
    { idref: 'one', path: 'one.xhtml', linear: true },
    { idref: 'two', id: 'two-ref', path: 'two.xhtml', linear: true },
  ],
};
const html = parseXmlContent(XHTML);
const dom = parseDom(XHTML);

/** The text epub.js finds at a CFI, from its point on (or the element's name). */
function atCfi(cfi: string): string {
  const point = epubjsResolve(cfi, dom);
  if (!point) return '(nothing)';
  return point.node.nodeType === 3
    ? (point.node.nodeValue ?? '').slice(point.offset)
    : `<${point.node.nodeName}>`;
}

describe('KOReader xpointers to CFIs and back', () => {
  const cases: [string, string, string, string][] = [
    // xpointer, CFI, what epub.js finds there, precision
    [
      '/body/DocFragment[2]/body/section/p[2]/text()[2].6',
      'epubcfi(/6/4[two-ref]!/4/2[chapter-2]/6/3:6)',
      'exist?”',
      'exact',
    ],
    [
      // crengine keeps one space of three: its 6th character is the DOM's 8th.
      '/body/DocFragment[2]/body/section/p[1]/text().6',
      'epubcfi(/6/4[two-ref]!/4/2[chapter-2]/4/1:8)',
      'paragraph.',
      'exact',
    ],
    [
      // Inside the div: its blank text nodes are gone in crengine, not in the DOM.
      '/body/DocFragment[2]/body/section/div/p[2]/text().2',
      'epubcfi(/6/4[two-ref]!/4/2[chapter-2]/8/4/1:2)',
      'urs, ',
      'exact',
    ],
    [
      // Numeric references are one character each, as in crengine and the DOM.
      '/body/DocFragment[2]/body/section/p[3]/text().1',
      'epubcfi(/6/4[two-ref]!/4/2[chapter-2]/10/1:1)',
      'Last” one.',
      'exact',
    ],
    [
      '/body/DocFragment[2]/body/section/h2.0',
      'epubcfi(/6/4[two-ref]!/4/2[chapter-2]/2/1:0)',
      'II',
      'exact',
    ],
  ];
  it.each(cases)('%s ↔ %s', (xpointer, cfi, found, precision) => {
    const pointer = inFragment(parseXPointer(xpointer)!)!;
    expect(xpointerToCfi(pointer, spine, html)).toEqual({ position: cfi, precision });
    expect(atCfi(cfi)).toBe(found);
    const back = cfiToXPointer(parseCfi(cfi)!, html);
    expect(back.precision).toBe('exact');
    // Back to the same place (an element point comes back as its text).
    const again = xpointerToCfi({ fragment: 2, ...back }, spine, html);
    expect(again?.position).toBe(cfi);
  });

  it('writes ranks as toStringV2 does: only where a name repeats', () => {
    const back = cfiToXPointer(parseCfi('epubcfi(/6/4!/4/2/8/4/1:2)')!, html);
    expect(fragmentXPointer({ fragment: 2, ...back })).toBe(
      '/body/DocFragment[2]/body/section/div/p[2]/text().2',
    );
  });

  it('goes as far as the document allows, and says so', () => {
    const lost = inFragment(parseXPointer('/body/DocFragment[2]/body/section/p[9]/text().3')!)!;
    expect(xpointerToCfi(lost, spine, html)).toEqual({
      position: 'epubcfi(/6/4[two-ref]!/4/2[chapter-2])',
      precision: 'element',
    });
    const chapter = inFragment(parseXPointer('/body/DocFragment[2].0')!)!;
    expect(xpointerToCfi(chapter, spine, html)?.precision).toBe('chapter');
    const outside = inFragment(parseXPointer('/body/DocFragment[7]/body/p.0')!)!;
    expect(xpointerToCfi(outside, spine, html)).toBeUndefined();
    expect(cfiToXPointer(parseCfi('epubcfi(/6/4!/4/2/40/1:0)')!, html)).toMatchObject({
      steps: [{ name: 'body' }, { name: 'section' }],
      precision: 'element',
    });
    expect(cfiToXPointer(parseCfi('epubcfi(/6/4!/2/1:0)')!, html).precision).toBe('chapter');
  });

  it('finds the spine item a percentage falls in, by size', () => {
    expect(spineItemAt([100, 300, 600], 0)).toBe(0);
    expect(spineItemAt([100, 300, 600], 0.2)).toBe(1);
    expect(spineItemAt([100, 300, 600], 0.99)).toBe(2);
    expect(spineItemAt([100, 300, 600], 1)).toBe(2);
    expect(spineItemAt([], 0.5)).toBe(0);
  });
});
