import { describe, expect, it } from 'vitest';
import { BookFormatError } from '../../errors';
import type { BookMetadata } from '../../metadata/types';
import { readXmp } from './xmp';

/** An XMP packet around rdf:Description bodies (the namespaces the properties use). */
function packet(...descriptions: string[]): string {
  const body = descriptions
    .map(
      (d) => `<rdf:Description rdf:about=""
        xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/" ${d}</rdf:Description>`,
    )
    .join('\n');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

const alt = (...items: string[]) => `<rdf:Alt>${items.join('')}</rdf:Alt>`;
const seq = (...items: string[]) =>
  `<rdf:Seq>${items.map((i) => `<rdf:li>${i}</rdf:li>`).join('')}</rdf:Seq>`;
const bag = (...items: string[]) =>
  `<rdf:Bag>${items.map((i) => `<rdf:li>${i}</rdf:li>`).join('')}</rdf:Bag>`;
const author = (name: string) => ({ name, roles: ['aut'] });

const cases: { name: string; xml: string; expected: BookMetadata }[] = [
  {
    name: 'every property it reads, as elements',
    xml: packet(`>
      <dc:title>${alt('<rdf:li xml:lang="x-default">Zero Line Width</rdf:li>')}</dc:title>
      <dc:creator>${seq('Brendan Dahl', 'Ann Lee')}</dc:creator>
      <dc:language>${bag('en', 'de-CH')}</dc:language>
      <dc:date>${seq('2012-01-17')}</dc:date>
      <dc:publisher>${bag('Mozilla')}</dc:publisher>
      <dc:description>${alt('<rdf:li xml:lang="x-default">A test file.</rdf:li>')}</dc:description>
      <dc:subject>${bag('graphics', 'lines')}</dc:subject>
      <pdf:Keywords>width; zero, Lines</pdf:Keywords>`),
    expected: {
      title: 'Zero Line Width',
      authors: [author('Brendan Dahl'), author('Ann Lee')],
      languages: ['en', 'de-CH'],
      published: '2012-01-17',
      publisher: 'Mozilla',
      description: 'A test file.',
      subjects: ['graphics', 'lines', 'width', 'zero'],
    },
  },
  {
    name: 'the x-default title wins over the first language',
    xml: packet(`>
      <dc:title>${alt(
        '<rdf:li xml:lang="de">Nullbreite</rdf:li>',
        '<rdf:li xml:lang="x-default">Zero Width</rdf:li>',
      )}</dc:title>`),
    expected: { title: 'Zero Width' },
  },
  {
    name: 'without x-default the first title is taken',
    xml: packet(`><dc:title>${alt('<rdf:li xml:lang="fr">Largeur nulle</rdf:li>')}</dc:title>`),
    expected: { title: 'Largeur nulle' },
  },
  {
    name: 'simple properties written as attributes (pdfjs_issue9972-1)',
    xml: packet(
      `xmp:CreateDate="2009-12-07T21:51Z" pdf:Keywords="sleep" dc:format="application/pdf">`,
    ),
    expected: { published: '2009-12-07T21:51:00Z', subjects: ['sleep'] },
  },
  {
    name: 'properties spread over several descriptions (pdfjs_issue2884)',
    xml: packet(
      `><xmp:CreateDate>2017-10-23T17:18:05-07:00</xmp:CreateDate>`,
      `><dc:title>${alt('<rdf:li xml:lang="x-default">あいち電子調達共同システム</rdf:li>')}</dc:title>
        <dc:creator>${seq('nakafuru')}</dc:creator>`,
    ),
    expected: {
      title: 'あいち電子調達共同システム',
      authors: [author('nakafuru')],
      published: '2017-10-23T17:18:05-07:00',
    },
  },
  {
    name: 'dc:date wins over xmp:CreateDate',
    xml: packet(
      `><dc:date>${seq('1895')}</dc:date><xmp:CreateDate>2015-08-02T12:22:19Z</xmp:CreateDate>`,
    ),
    expected: { published: '1895' },
  },
  {
    name: 'an epoch CreateDate is a default, dropped',
    xml: packet(`><xmp:CreateDate>1970-01-01T00:00:00Z</xmp:CreateDate>`),
    expected: {},
  },
  {
    name: 'a creator item holding several people, an e-mail and a URL',
    xml: packet(
      `><dc:creator>${seq('Ann Lee; Bo Cy &lt;bo@cy.org&gt;', 'https://imagemagick.org')}</dc:creator>`,
    ),
    expected: { authors: [author('Ann Lee'), author('Bo Cy')] },
  },
  {
    name: 'a simple-valued dc:title (non-conforming writers)',
    xml: packet(`><dc:title>Plain Title</dc:title>`),
    expected: { title: 'Plain Title' },
  },
  {
    name: 'junk characters and placeholder titles are cleaned like Info',
    xml: packet(`><dc:title>${alt('<rdf:li xml:lang="x-default">Untitled</rdf:li>')}</dc:title>
      <dc:description>${alt('<rdf:li xml:lang="x-default">  two\n  lines  </rdf:li>')}</dc:description>`),
    expected: { description: 'two lines' },
  },
  {
    name: 'a keyword line in one dc:subject item is split (TCPDF)',
    xml: packet(`><dc:subject>${bag('TCPDF, PDF, example')}</dc:subject>
      <pdf:Keywords>TCPDF, PDF, example</pdf:Keywords>`),
    expected: { subjects: ['TCPDF', 'PDF', 'example'] },
  },
  {
    name: 'empty items are no values (TCPDF)',
    xml: packet(`><dc:subject>${bag('')}</dc:subject>
      <dc:description>${alt('<rdf:li xml:lang="x-default"></rdf:li>')}</dc:description>`),
    expected: {},
  },
  {
    name: 'only Producer and Keywords (comicbox)',
    xml: packet(`><pdf:Keywords>d,e,f</pdf:Keywords><pdf:Producer>comicbox dev</pdf:Producer>`),
    expected: { subjects: ['d', 'e', 'f'] },
  },
  {
    name: 'rdf:RDF as the root, without x:xmpmeta',
    xml: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><rdf:Description rdf:about="">
      <dc:title>${alt('<rdf:li xml:lang="x-default">Bare</rdf:li>')}</dc:title>
      </rdf:Description></rdf:RDF>`,
    expected: { title: 'Bare' },
  },
  {
    name: 'no RDF at all',
    xml: '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>',
    expected: {},
  },
];

describe('readXmp', () => {
  it.each(cases)('$name', ({ xml, expected }) => {
    expect(readXmp(xml)).toEqual({ metadata: expected, warnings: [] });
  });

  it('ignores declared entities and says so', () => {
    const xml = `<!DOCTYPE x [<!ENTITY boom "BOOM">]>${packet(`><dc:title>${alt('<rdf:li>&boom;</rdf:li>')}</dc:title>`)}`;
    const result = readXmp(xml);
    expect(result.metadata.title).toBe('&boom;');
    expect(result.warnings).toHaveLength(1);
  });

  it('throws a BookFormatError for a packet that is not XML', () => {
    expect(() => readXmp('<x:xmpmeta><rdf:RDF>')).toThrow(BookFormatError);
  });
});
