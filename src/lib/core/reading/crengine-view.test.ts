import { describe, expect, it } from 'vitest';
import { isElement, parseXmlContent, type ContentElement } from '../xml/xml-content';
import { crengineChildren, crengineOffset, domOffset } from './crengine-view';

const element = (xml: string): ContentElement => parseXmlContent(xml);
const shape = (el: ContentElement, pre = false) =>
  crengineChildren(el, pre).map((n) => (isElement(n) ? `<${n.name}>` : JSON.stringify(n.text)));

describe("crengine's view of a document", () => {
  const cases: [string, string, string[]][] = [
    [
      'a block drops its leading blank text',
      '<p>\n  <em>a</em> <em>b</em></p>',
      ['<em>', '" "', '<em>'],
    ],
    ['an inline element keeps it', '<span> <em>a</em></span>', ['" "', '<em>']],
    [
      'blank text between blocks goes',
      '<section>\n\t<h2>I</h2>\n\t<p>x</p>\n</section>',
      ['<h2>', '<p>'],
    ],
    [
      'a run of inline content between blocks is trimmed at both ends only',
      '<div><p>x</p>\n <em>a</em> <em>b</em>\n<p>y</p></div>',
      ['<p>', '<em>', '" "', '<em>', '<p>'],
    ],
    [
      'text with letters stays, blanks and all',
      '<div>\n Some <p>x</p> more\n</div>',
      ['"\\n Some "', '<p>', '" more\\n"'],
    ],
    [
      'preformatted text keeps everything',
      '<pre>\n  <b>x</b>\n</pre>',
      ['"\\n  "', '<b>', '"\\n"'],
    ],
    ['a comment leaves two text nodes', '<p>a<!-- c -->b</p>', ['"a"', '"b"']],
  ];
  it.each(cases)('%s', (_, xml, expected) => expect(shape(element(xml))).toEqual(expected));

  const offsets: [string, string, number, number][] = [
    // text, crengine offset, DOM offset
    ['runs of white space count once', 'a \n\t b', 2, 5],
    ['a leading run counts once', '\n    Hello', 1, 5],
    ['characters outside the BMP count once (crengine counts code points)', 'a😀b', 2, 3],
    ['the end', 'ab  ', 3, 4],
  ];
  it.each(offsets)('%s', (_, text, cr, dom) => {
    expect(domOffset(text, cr, false)).toBe(dom);
    expect(crengineOffset(text, dom, false)).toBe(cr);
  });

  it('counts \\r\\n as one character in preformatted text', () => {
    expect(domOffset('a\r\nb', 2, true)).toBe(3);
    expect(crengineOffset('a\r\nb', 3, true)).toBe(2);
  });
});
