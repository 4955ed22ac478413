import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';

/** What a generated test EPUB says about itself. */
export interface EpubSpec {
  title: string;
  authors?: string[];
  language?: string;
  series?: { name: string; number: number };
  description?: string;
  identifier?: string;
  /** dc:date, e.g. "1895". */
  date?: string;
  publisher?: string;
  subjects?: string[];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The package document of a minimal, valid EPUB 3. */
export function opfFor(spec: EpubSpec): string {
  const creators = (spec.authors ?? []).map(
    (name, i) =>
      `<dc:creator id="author-${i}">${escapeXml(name)}</dc:creator>` +
      `<meta refines="#author-${i}" property="role" scheme="marc:relators">aut</meta>`,
  );
  const series = spec.series
    ? `<meta property="belongs-to-collection" id="c1">${escapeXml(spec.series.name)}</meta>` +
      `<meta refines="#c1" property="collection-type">series</meta>` +
      `<meta refines="#c1" property="group-position">${spec.series.number}</meta>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">${escapeXml(spec.identifier ?? `urn:uuid:${crypto.randomUUID()}`)}</dc:identifier>
    <dc:title>${escapeXml(spec.title)}</dc:title>
    <dc:language>${escapeXml(spec.language ?? 'en')}</dc:language>
    ${creators.join('\n    ')}
    ${spec.description ? `<dc:description>${escapeXml(spec.description)}</dc:description>` : ''}
    ${spec.date ? `<dc:date>${escapeXml(spec.date)}</dc:date>` : ''}
    ${spec.publisher ? `<dc:publisher>${escapeXml(spec.publisher)}</dc:publisher>` : ''}
    ${(spec.subjects ?? []).map((s) => `<dc:subject>${escapeXml(s)}</dc:subject>`).join('')}
    ${series}
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="text" href="text.xhtml" media-type="application/xhtml+xml"/>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
  </manifest>
  <spine><itemref idref="text"/></spine>
</package>`;
}

const CONTAINER = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

/** Builds a minimal, valid EPUB 3 in memory (mimetype first and stored, as the spec requires). */
export async function makeEpub(spec: EpubSpec): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/epub+zip'), { useWebWorkers: false });
  await writer.add('mimetype', new TextReader('application/epub+zip'), {
    level: 0,
    extendedTimestamp: false,
  });
  await writer.add('META-INF/container.xml', new TextReader(CONTAINER));
  await writer.add('OEBPS/content.opf', new TextReader(opfFor(spec)));
  const body = `<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${escapeXml(spec.title)}</title></head><body><h1>${escapeXml(spec.title)}</h1></body></html>`;
  await writer.add('OEBPS/text.xhtml', new TextReader(body));
  const nav = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body><nav epub:type="toc"><ol><li><a href="text.xhtml">${escapeXml(spec.title)}</a></li></ol></nav></body></html>`;
  await writer.add('OEBPS/nav.xhtml', new TextReader(nav));
  const blob = await writer.close();
  return new Uint8Array(await blob.arrayBuffer());
}
