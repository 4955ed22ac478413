import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookFormatError } from '../errors';
import {
  childrenNamed,
  descendantsNamed,
  entityWarning,
  firstChild,
  parseXml,
  stripDoctype,
} from './parse-xml';

function invalid(text: string, maxChars?: number): BookFormatError {
  try {
    parseXml(text, { name: 'test.xml', maxChars });
  } catch (error) {
    if (error instanceof BookFormatError) return error;
    throw error;
  }
  throw new Error('expected a BookFormatError');
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE package [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<package><title>&lol2;</title><plain>&lol;</plain></package>`;

const XXE = `<?xml version="1.0"?>
<!DOCTYPE package [
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
 <!ENTITY ssrf PUBLIC "-//X//Y" "http://127.0.0.1:1/probe">
]>
<package><title>XXE &xxe; &ssrf;</title></package>`;

describe('parseXml', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('drops namespace prefixes from tags and attributes, and xmlns declarations', () => {
    const { root } = parseXml(
      `<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="x" version="2.0">
        <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
          <dc:creator opf:role="aut" opf:file-as="Wells, H. G." xml:lang="en">H. G. Wells</dc:creator>
        </metadata>
      </package>`,
    );
    expect(root.name).toBe('package');
    expect({ ...root.attributes }).toEqual({ version: '2.0' });
    const creator = descendantsNamed(root, 'creator')[0];
    expect(creator?.text).toBe('H. G. Wells');
    expect({ ...creator?.attributes }).toEqual({
      role: 'aut',
      'file-as': 'Wells, H. G.',
      lang: 'en',
    });
  });

  it('keeps children in order, always as arrays, with text from descendants and CDATA', () => {
    const { root } = parseXml('<a><b>one</b><c>x <i>y</i> <![CDATA[<z>]]></c><b>two</b><d/></a>');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c', 'b', 'd']);
    expect(childrenNamed(root, 'b').map((b) => b.text)).toEqual(['one', 'two']);
    expect(firstChild(root, 'c')?.text).toBe('x y <z>');
    expect(firstChild(root, 'd')).toMatchObject({ text: '', children: [] });
    expect(firstChild(root, 'missing')).toBeUndefined();
  });

  it('decodes the five XML entities and numeric references, once', () => {
    const { root } = parseXml(
      '<a t="&quot;&#65;&quot;">&lt;&gt;&amp;&apos;&quot; &#233;&#x1F600; &amp;lt; &nbsp;</a>',
    );
    expect(root.text).toBe('<>&\'" é😀 &lt; &nbsp;');
    expect(root.attributes['t']).toBe('"A"');
  });

  it('never expands DOCTYPE entities (billion laughs) and reports them', () => {
    const doc = parseXml(BILLION_LAUGHS, { name: 'content.opf' });
    expect(firstChild(doc.root, 'title')?.text).toBe('&lol2;');
    expect(firstChild(doc.root, 'plain')?.text).toBe('&lol;');
    expect(doc.declaredEntities.map((e) => e.name)).toEqual(['lol', 'lol1', 'lol2']);
    expect(entityWarning(doc, 'content.opf')).toMatch(
      /content\.opf declares XML entities.*ignored/,
    );
  });

  it('never resolves external entities (XXE) and never fetches', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const doc = parseXml(XXE);
    expect(firstChild(doc.root, 'title')?.text).toBe('XXE &xxe; &ssrf;');
    expect(doc.declaredEntities).toEqual([
      { name: 'xxe', external: true },
      { name: 'ssrf', external: true },
    ]);
    expect(entityWarning(doc, 'x')).toContain('xxe (external)');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('has nothing to report for a document without entities', () => {
    const doc = parseXml(
      '<!DOCTYPE package PUBLIC "+//ISBN 0-9673008-1-9//DTD OEB 1.2 Package//EN" "http://openebook.org/dtds/oeb-1.2/oebpkg12.dtd"><package/>',
    );
    expect(doc.root.name).toBe('package');
    expect(entityWarning(doc, 'x')).toBeUndefined();
  });

  it('rejects malformed XML with the position', () => {
    const error = invalid('<a>\n<b></a>');
    expect(error.code).toBe('invalid-xml');
    expect(error.message).toMatch(/test\.xml is not well-formed XML \(line 2, column \d+\)/);
  });

  it.each([
    ['an empty document', ''],
    ['text only', 'hello'],
    ['an unterminated DOCTYPE', '<!DOCTYPE a [ <!ENTITY x "y"> <a/>'],
    ['nesting deeper than any metadata needs', '<a>'.repeat(500) + '</a>'.repeat(500)],
  ])('rejects %s as invalid-xml', (_, text) => {
    expect(invalid(text).code).toBe('invalid-xml');
  });

  it('rejects documents over the size cap', () => {
    const error = invalid(`<a>${'x'.repeat(200)}</a>`, 100);
    expect(error.code).toBe('entry-too-large');
  });

  it('strips a leading BOM', () => {
    expect(parseXml('\uFEFF<?xml version="1.0"?><a>x</a>').root.text).toBe('x');
  });

  it('keeps attribute names away from Object.prototype', () => {
    const { root } = parseXml('<a toString="y" hasOwnProperty="z"><valueOf/></a>');
    expect(Object.getPrototypeOf(root.attributes)).toBeNull();
    expect({ ...root.attributes }).toEqual({ toString: 'y', hasOwnProperty: 'z' });
    expect(root.children[0]?.name).toBe('valueOf');
    // fast-xml-parser refuses these names outright: a typed error, never pollution.
    expect(invalid('<a __proto__="x"/>').code).toBe('invalid-xml');
    expect(invalid('<constructor/>').code).toBe('invalid-xml');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('stripDoctype', () => {
  it('blanks the DOCTYPE but keeps line breaks, honouring quotes and comments', () => {
    const text =
      '<?xml version="1.0"?>\n<!DOCTYPE a [\n<!-- ] > -->\n<!ENTITY e "]>">\n]>\n<a>&e;</a>';
    const { xml, entities } = stripDoctype(text);
    expect(xml.split('\n')).toHaveLength(text.split('\n').length);
    expect(xml).not.toContain('DOCTYPE');
    expect(xml.trim().endsWith('<a>&e;</a>')).toBe(true);
    expect(entities).toEqual([{ name: 'e', external: false }]);
  });

  it('leaves documents without a DOCTYPE, or with one after the root, alone', () => {
    expect(stripDoctype('<a/>').xml).toBe('<a/>');
    expect(stripDoctype('<a><!DOCTYPE b></a>').xml).toBe('<a><!DOCTYPE b></a>');
  });
});
