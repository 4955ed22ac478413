import { describe, expect, it } from 'vitest';
import { BookFormatError } from '../../errors';
import { isbnCheckDigitValid } from '../../metadata/isbn';
import type { BookMetadata, Identifier } from '../../metadata/types';
import { parseXml } from '../../xml/parse-xml';
import {
  classifyIdentifier,
  parseSeriesNumber,
  readOpf,
  resolveHref,
  type PackageDocument,
} from './opf';

const OPF_PATH = 'OEBPS/content.opf';

/** A package document around the given metadata, manifest and guide markup. */
function opf(metadata: string, { manifest = '', guide = '', version = '3.0' } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="${version}" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${metadata}</metadata>
  <manifest>${manifest}</manifest>
  <spine/>
  ${guide ? `<guide>${guide}</guide>` : ''}
</package>`;
}

function read(xml: string, path = OPF_PATH): PackageDocument {
  return readOpf(parseXml(xml).root, path);
}

interface MetadataCase {
  name: string;
  xml: string;
  expected: BookMetadata;
  /** Fields that must not be present. */
  absent?: (keyof BookMetadata)[];
}

const metadataCases: MetadataCase[] = [
  {
    name: 'EPUB 2: two dc:title, the first is the title and the second no subtitle',
    xml: opf('<dc:title>Frankenstein</dc:title><dc:title>The Modern Prometheus</dc:title>', {
      version: '2.0',
    }),
    expected: { title: 'Frankenstein' },
    absent: ['subtitle'],
  },
  {
    name: 'EPUB 2: a single title, whole, even with a colon',
    xml: opf(
      '<dc:title opf:file-as="Time Machine: A Story, The">The Time Machine: A Story</dc:title>',
      { version: '2.0' },
    ),
    expected: { title: 'The Time Machine: A Story', sortTitle: 'Time Machine: A Story, The' },
    absent: ['subtitle'],
  },
  {
    name: 'EPUB 3: main + subtitle title-types, file-as on the main',
    xml: opf(`
      <dc:title id="t1">R.U.R.</dc:title>
      <meta property="file-as" refines="#t1">R.U.R.</meta>
      <meta property="title-type" refines="#t1">main</meta>
      <dc:title id="t2">Or, Rossum’s Universal Robots</dc:title>
      <meta property="title-type" refines="#t2">subtitle</meta>
      <dc:title id="t3">R.U.R., or Rossum’s Universal Robots</dc:title>
      <meta property="title-type" refines="#t3">expanded</meta>`),
    expected: { title: 'R.U.R.', subtitle: 'Or, Rossum’s Universal Robots', sortTitle: 'R.U.R.' },
  },
  {
    name: 'EPUB 3: the main title wins over an earlier collection title',
    xml: opf(`
      <dc:title id="c">The Complete Series</dc:title>
      <meta property="title-type" refines="#c">collection</meta>
      <dc:title id="m">  Book
        One  </dc:title>
      <meta property="title-type" refines="#m">main</meta>`),
    expected: { title: 'Book One' },
    absent: ['subtitle', 'sortTitle'],
  },
  {
    name: 'EPUB 3: creators with refined roles, file-as and document order',
    xml: opf(`
      <dc:creator id="a1">Joseph Conrad</dc:creator>
      <meta property="file-as" refines="#a1">Conrad, Joseph</meta>
      <meta property="role" refines="#a1" scheme="marc:relators">aut</meta>
      <dc:creator id="a2">Ford Madox Ford</dc:creator>
      <meta property="role" refines="#a2" scheme="marc:relators">aut</meta>
      <meta property="file-as" refines="#a2">Ford, Ford Madox</meta>
      <dc:creator id="ill">Jane Drawer</dc:creator>
      <meta property="role" refines="#ill" scheme="marc:relators">ill</meta>
      <dc:contributor id="tr">Constance Garnett</dc:contributor>
      <meta property="role" refines="#tr" scheme="marc:relators">ann</meta>
      <meta property="role" refines="#tr" scheme="marc:relators">trl</meta>
      <dc:contributor>Nobody In Particular</dc:contributor>`),
    expected: {
      authors: [
        { name: 'Joseph Conrad', sortName: 'Conrad, Joseph', roles: ['aut'] },
        { name: 'Ford Madox Ford', sortName: 'Ford, Ford Madox', roles: ['aut'] },
      ],
      contributors: [
        { name: 'Jane Drawer', roles: ['ill'] },
        { name: 'Constance Garnett', roles: ['ann', 'trl'] },
        { name: 'Nobody In Particular', roles: [] },
      ],
    },
  },
  {
    name: 'EPUB 3: an author with several roles stays an author; display-seq orders',
    xml: opf(`
      <dc:creator id="b">Second Person</dc:creator>
      <meta property="display-seq" refines="#b">2</meta>
      <dc:creator id="a">First Person</dc:creator>
      <meta property="display-seq" refines="#a">1</meta>
      <meta property="role" refines="#a" scheme="marc:relators">ann</meta>
      <meta property="role" refines="#a" scheme="marc:relators">aut</meta>`),
    expected: {
      authors: [
        { name: 'First Person', roles: ['ann', 'aut'] },
        { name: 'Second Person', roles: ['aut'] },
      ],
    },
  },
  {
    name: 'EPUB 2: opf:role and opf:file-as attributes',
    xml: opf(
      `<dc:creator opf:role="aut" opf:file-as="Verne, Jules">Jules Verne</dc:creator>
       <dc:creator opf:role="trl" opf:file-as="Mercier, Lewis">Lewis Mercier</dc:creator>
       <dc:contributor opf:role="edt">An Editor</dc:contributor>
       <dc:creator>  </dc:creator>`,
      { version: '2.0' },
    ),
    expected: {
      authors: [{ name: 'Jules Verne', sortName: 'Verne, Jules', roles: ['aut'] }],
      contributors: [
        { name: 'Lewis Mercier', sortName: 'Mercier, Lewis', roles: ['trl'] },
        { name: 'An Editor', roles: ['edt'] },
      ],
    },
  },
  {
    name: 'languages, publisher, description, subjects (trimmed, de-duplicated)',
    xml: opf(`
      <dc:language>en-GB</dc:language><dc:language>fr</dc:language>
      <dc:publisher> Standard   Ebooks </dc:publisher>
      <dc:description>  &lt;p&gt;A book.&lt;/p&gt;  </dc:description>
      <dc:subject> Science fiction </dc:subject><dc:subject>science fiction</dc:subject>
      <dc:subject>Time travel -- Fiction</dc:subject><dc:subject/>`),
    expected: {
      languages: ['en-GB', 'fr'],
      publisher: 'Standard Ebooks',
      description: '<p>A book.</p>',
      subjects: ['Science fiction', 'Time travel -- Fiction'],
    },
  },
  {
    name: 'EPUB 2: dc:date with opf:event="publication" is preferred',
    xml: opf(
      `<dc:date opf:event="conversion">2021-04-05T23:00:07+00:00</dc:date>
       <dc:date opf:event="publication">1895</dc:date>`,
      { version: '2.0' },
    ),
    expected: { published: '1895' },
  },
  {
    name: 'EPUB 2: an original-publication date is the work’s, the plain date this edition’s',
    xml: opf(
      `<dc:date>2021-03-01</dc:date>
       <dc:date opf:event="original-publication">1869</dc:date>`,
      { version: '2.0' },
    ),
    expected: { published: '2021-03-01', firstPublished: '1869' },
  },
  {
    name: 'EPUB 2: a creation date is the work’s too',
    xml: opf(`<dc:date opf:event="creation">1813-01-28</dc:date>`, { version: '2.0' }),
    expected: { firstPublished: '1813-01-28' },
    absent: ['published'],
  },
  {
    name: 'EPUB 3: dcterms:created is the work’s date, dc:date the release',
    xml: opf(`<dc:date>2021-06-11T18:00:00Z</dc:date>
      <meta property="dcterms:created">1869</meta>`),
    expected: { published: '2021-06-11T18:00:00Z', firstPublished: '1869' },
  },
  {
    name: 'EPUB 3: dc:date and dcterms:modified',
    xml: opf(`<dc:date>2019-12-09T23:34:13Z</dc:date>
      <meta property="dcterms:modified">2020-01-01T00:00:00Z</meta>`),
    expected: { published: '2019-12-09T23:34:13Z', modified: '2020-01-01T00:00:00Z' },
  },
  {
    name: 'placeholder and non-ISO dates are skipped',
    xml: opf(`<dc:date>0101-01-01T00:00:00+00:00</dc:date><dc:date>sometime</dc:date>`),
    expected: {},
    absent: ['published'],
  },
  {
    name: 'EPUB 3 series: collection-type series with group-position',
    xml: opf(`
      <meta id="c1" property="belongs-to-collection">Sherlock Holmes</meta>
      <meta property="collection-type" refines="#c1">series</meta>
      <meta property="group-position" refines="#c1">3</meta>
      <meta id="c2" property="belongs-to-collection">Haycraft-Queen Cornerstones</meta>
      <meta property="collection-type" refines="#c2">set</meta>
      <meta id="c3" property="belongs-to-collection">Top 100</meta>
      <meta property="collection-type" refines="#c3">set</meta>
      <meta property="group-position" refines="#c3">21</meta>`),
    expected: {
      series: { name: 'Sherlock Holmes', number: 3, kind: 'series' },
      collections: [
        { name: 'Haycraft-Queen Cornerstones', kind: 'set' },
        { name: 'Top 100', number: 21, kind: 'set' },
      ],
    },
  },
  {
    name: 'EPUB 3: a collection without collection-type is a set, not a series',
    xml: opf(`<meta id="c" property="belongs-to-collection">Best Novels</meta>
      <meta property="group-position" refines="#c">2.5</meta>`),
    expected: { collections: [{ name: 'Best Novels', number: 2.5, kind: 'set' }] },
    absent: ['series'],
  },
  {
    name: 'EPUB 2: calibre:series and calibre:series_index',
    xml: opf(
      `<meta name="calibre:series" content="Accel World"/>
       <meta name="calibre:series_index" content="1.0"/>`,
      { version: '2.0' },
    ),
    expected: { series: { name: 'Accel World', number: 1, kind: 'series' } },
  },
  {
    name: 'calibre series without a usable index keeps the name only',
    xml: opf(
      `<meta name="calibre:series" content="Oz"/><meta name="calibre:series_index" content="first"/>`,
    ),
    expected: { series: { name: 'Oz', kind: 'series' } },
  },
  {
    name: 'identifiers of every kind, classified and de-duplicated',
    xml: opf(`
      <dc:identifier id="uid">urn:uuid:164DFEB9-7601-42e2-b318-00441b67bc3a</dc:identifier>
      <dc:identifier>uuid:164dfeb9-7601-42e2-b318-00441b67bc3a</dc:identifier>
      <dc:identifier>urn:isbn:978-0-306-40615-7</dc:identifier>
      <dc:identifier opf:scheme="ISBN">0-306-40615-2</dc:identifier>
      <dc:identifier>9780141439518</dc:identifier>
      <dc:identifier opf:scheme="MOBI-ASIN">B00ABCDEFG</dc:identifier>
      <dc:identifier>calibre:42</dc:identifier>
      <dc:identifier>URI:http://www.gutenberg.org/65659</dc:identifier>
      <dc:identifier>https://standardebooks.org/ebooks/x</dc:identifier>
      <dc:identifier>doi:10.1000/182</dc:identifier>
      <dc:identifier opf:scheme="GOOGLE">abc123</dc:identifier>
      <dc:identifier id="onix">9780306406157</dc:identifier>
      <meta refines="#onix" property="identifier-type" scheme="onix:codelist5">15</meta>`),
    expected: {
      identifiers: [
        { scheme: 'uuid', value: '164dfeb9-7601-42e2-b318-00441b67bc3a' },
        { scheme: 'isbn', value: '9780306406157' },
        { scheme: 'isbn', value: '0306406152' },
        { scheme: 'isbn', value: '9780141439518' },
        { scheme: 'asin', value: 'B00ABCDEFG' },
        { scheme: 'other', value: 'calibre:42' },
        { scheme: 'uri', value: 'http://www.gutenberg.org/65659' },
        { scheme: 'uri', value: 'https://standardebooks.org/ebooks/x' },
        { scheme: 'doi', value: '10.1000/182' },
        { scheme: 'other', value: 'google:abc123' },
      ],
    },
  },
  {
    name: 'empty metadata yields no fields',
    xml: opf('<dc:title>  </dc:title><dc:language/>'),
    expected: {},
    absent: ['title', 'languages', 'authors', 'contributors', 'identifiers', 'series'],
  },
];

describe('readOpf metadata', () => {
  it.each(metadataCases)('$name', ({ xml, expected, absent = [] }) => {
    const { metadata } = read(xml);
    expect(metadata).toMatchObject(expected);
    for (const field of absent) expect(metadata).not.toHaveProperty(field);
  });

  it('reads OEB 1.2 packages whose metadata sits in dc-metadata', () => {
    const xml = `<package version="1.2"><metadata><dc-metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:Title>Old Book</dc:Title><dc:Creator role="aut">Old Author</dc:Creator>
    </dc-metadata></metadata></package>`;
    expect(read(xml).metadata).toMatchObject({
      title: 'Old Book',
      authors: [{ name: 'Old Author', roles: ['aut'] }],
    });
  });

  it('warns when there is no metadata section', () => {
    expect(read('<package version="3.0"><manifest/></package>').warnings).toEqual([
      `${OPF_PATH} has no <metadata> section.`,
    ]);
  });

  it('refuses a document that is not a package', () => {
    expect(() => read('<html><body/></html>')).toThrow(BookFormatError);
    expect(() => read('<html><body/></html>')).toThrow(/not an OPF package document/);
  });
});

interface CoverCase {
  name: string;
  xml: string;
  path?: string;
  expected: string[];
}

const coverCases: CoverCase[] = [
  {
    name: 'EPUB 3 cover-image property',
    xml: opf('', {
      manifest: `<item id="a" href="images/first.png" media-type="image/png"/>
        <item id="c" href="images/cover.svg" media-type="image/svg+xml" properties="cover-image"/>`,
    }),
    expected: ['OEBPS/images/cover.svg', 'OEBPS/images/first.png'],
  },
  {
    name: 'EPUB 2 meta cover naming a manifest id',
    xml: opf('<meta name="cover" content="item1"/>', {
      manifest: `<item id="x" href="x.jpg" media-type="image/jpeg"/>
        <item id="item1" href="@images@cover.jpg" media-type="image/jpeg"/>`,
    }),
    expected: ['OEBPS/@images@cover.jpg', 'OEBPS/x.jpg'],
  },
  {
    name: 'EPUB 2 meta cover naming an href instead of an id',
    xml: opf('<meta name="cover" content="Images/Front%20Cover.jpg"/>', {
      manifest: `<item id="x" href="Images/other.jpg" media-type="image/jpeg"/>
        <item id="y" href="Images/Front%20Cover.jpg" media-type="image/jpeg"/>`,
    }),
    expected: ['OEBPS/Images/Front Cover.jpg', 'OEBPS/Images/other.jpg'],
  },
  {
    name: 'guide cover pointing at an image, relative to the OPF folder',
    xml: opf('', {
      manifest: `<item id="q" href="other.png" media-type="image/png"/>
        <item id="p" href="../art/front.jpeg" media-type="image/jpeg"/>`,
      guide: '<reference type="cover" href="../art/front.jpeg#top" title="Cover"/>',
    }),
    expected: ['art/front.jpeg', 'OEBPS/other.png'],
  },
  {
    name: 'guide cover pointing at XHTML is left for later; an image named cover is used',
    xml: opf('', {
      manifest: `<item id="page" href="cover.xhtml" media-type="application/xhtml+xml"/>
        <item id="i1" href="img/plate.png" media-type="image/png"/>
        <item id="i2" href="img/Cover-Art.png" media-type="image/png"/>`,
      guide: '<reference type="cover" href="cover.xhtml"/>',
    }),
    expected: ['OEBPS/img/Cover-Art.png', 'OEBPS/img/plate.png'],
  },
  {
    name: 'otherwise the first image in the manifest',
    xml: opf('', {
      manifest: `<item id="css" href="style.css" media-type="text/css"/>
        <item id="i1" href="img/plate.png" media-type="image/png"/>`,
    }),
    expected: ['OEBPS/img/plate.png'],
  },
  {
    name: 'an OPF at the archive root, hrefs with fragments and escapes',
    xml: opf('', {
      manifest:
        '<item id="c" href="./cover.jpeg?v=1" media-type="image/jpeg" properties="cover-image"/>',
    }),
    path: 'content.opf',
    expected: ['cover.jpeg'],
  },
  {
    name: 'no images at all, and hrefs that escape the archive or are URLs',
    xml: opf('<meta name="cover" content="../../../etc/passwd"/>', {
      manifest: `<item id="c" href="../../evil.jpg" media-type="image/jpeg"/>
        <item id="d" href="https://example.com/cover.jpg" media-type="image/jpeg"/>`,
    }),
    expected: [],
  },
];

describe('readOpf covers', () => {
  it.each(coverCases)('$name', ({ xml, path, expected }) => {
    expect(read(xml, path).covers.map((c) => c.path)).toEqual(expected);
  });

  it('carries the media type when the manifest gives one', () => {
    const xml = opf('', {
      manifest: '<item id="c" href="c.svg" media-type="image/svg+xml" properties="cover-image"/>',
    });
    expect(read(xml).covers[0]).toEqual({
      kind: 'entry',
      path: 'OEBPS/c.svg',
      mediaType: 'image/svg+xml',
    });
  });
});

describe('classifyIdentifier', () => {
  const cases: [string, string | undefined, Identifier][] = [
    ['urn:isbn:9780306406157', undefined, { scheme: 'isbn', value: '9780306406157' }],
    ['isbn:0-306-40615-2', undefined, { scheme: 'isbn', value: '0306406152' }],
    ['978-0-306-40615-7', 'ISBN', { scheme: 'isbn', value: '9780306406157' }],
    ['080442957X', undefined, { scheme: 'isbn', value: '080442957X' }],
    ['9780306406158', undefined, { scheme: 'other', value: '9780306406158' }],
    ['1234567890123', undefined, { scheme: 'other', value: '1234567890123' }],
    ['B00ABCDEFG', 'mobi-asin', { scheme: 'asin', value: 'B00ABCDEFG' }],
    ['B00ABCDEFG', 'AMAZON', { scheme: 'asin', value: 'B00ABCDEFG' }],
    [
      'urn:uuid:ABCDEF00-0000-4000-8000-000000000000',
      undefined,
      { scheme: 'uuid', value: 'abcdef00-0000-4000-8000-000000000000' },
    ],
    [
      'abcdef00-0000-4000-8000-000000000000',
      undefined,
      { scheme: 'uuid', value: 'abcdef00-0000-4000-8000-000000000000' },
    ],
    ['https://doi.org/10.1000/182', undefined, { scheme: 'doi', value: '10.1000/182' }],
    ['10.1000/182', undefined, { scheme: 'doi', value: '10.1000/182' }],
    [
      'http://www.gutenberg.org/64999',
      'URI',
      { scheme: 'uri', value: 'http://www.gutenberg.org/64999' },
    ],
    ['calibre:164dfeb9', undefined, { scheme: 'other', value: 'calibre:164dfeb9' }],
    ['urn:issn:1234-5678', undefined, { scheme: 'issn', value: '1234-5678' }],
    ['12345', 'GOOGLE', { scheme: 'other', value: 'google:12345' }],
    ['plain-id', undefined, { scheme: 'other', value: 'plain-id' }],
  ];
  it.each(cases)('%s (scheme %s)', (value, scheme, expected) => {
    expect(classifyIdentifier(value, scheme)).toEqual(expected);
  });

  it.each([
    ['0306406152', true],
    ['0306406153', false],
    ['9780306406157', true],
    ['9780306406150', false],
  ])('check digit of %s is %s', (digits, valid) => {
    expect(isbnCheckDigitValid(digits)).toBe(valid);
  });
});

describe('parseSeriesNumber', () => {
  it.each([
    ['1', 1],
    ['2.5', 2.5],
    ['1.0', 1],
    ['2,5', 2.5],
    ['0', 0],
    ['-1', -1],
    [' 3 ', 3],
    ['', undefined],
    ['one', undefined],
    ['1e3', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, number) => {
    expect(parseSeriesNumber(text)).toBe(number);
  });
});

describe('resolveHref', () => {
  it.each([
    ['OEBPS', 'images/c.jpg', 'OEBPS/images/c.jpg'],
    ['OEBPS/text', '../images/c.jpg', 'OEBPS/images/c.jpg'],
    ['', 'c.jpg#frag', 'c.jpg'],
    ['OEBPS', 'My%20Cover.jpg', 'OEBPS/My Cover.jpg'],
    ['OEBPS', '/root.jpg', 'root.jpg'],
    ['OEBPS', '../../out.jpg', undefined],
    ['OEBPS', 'http://example.com/c.jpg', undefined],
    ['OEBPS', 'data:image/png;base64,AAAA', undefined],
    ['OEBPS', '', undefined],
  ])('%s + %s → %s', (base, href, path) => {
    expect(resolveHref(base, href)).toBe(path);
  });
});
