import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';

/** One file of a generated EPUB's OEBPS folder, and how its package lists it. */
export interface EpubFile {
  /** Path inside OEBPS/, e.g. "page-1.xhtml". */
  href: string;
  mediaType: string;
  text: string;
  /** Manifest properties ("nav", "scripted", "svg"). */
  properties?: string;
  /** Read in the spine, in the order given. */
  spine?: boolean;
}

const CONTAINER = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

/**
 * An EPUB 3 of the given files (a nav document among them), for tests that
 * need chapters of their own: hostile content, a fixed layout. `metadata`
 * is added to the package's metadata as is.
 */
export async function makeEpubFiles(spec: {
  title: string;
  files: EpubFile[];
  metadata?: string;
}): Promise<Uint8Array> {
  const manifest = spec.files.map(
    (file, i) =>
      `<item id="f${i}" href="${file.href}" media-type="${file.mediaType}"${file.properties ? ` properties="${file.properties}"` : ''}/>`,
  );
  const spine = spec.files.flatMap((file, i) => (file.spine ? [`<itemref idref="f${i}"/>`] : []));
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:${crypto.randomUUID()}</dc:identifier>
    <dc:title>${spec.title}</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
    ${spec.metadata ?? ''}
  </metadata>
  <manifest>${manifest.join('\n    ')}</manifest>
  <spine>${spine.join('')}</spine>
</package>`;
  const writer = new ZipWriter(new BlobWriter('application/epub+zip'), { useWebWorkers: false });
  await writer.add('mimetype', new TextReader('application/epub+zip'), {
    level: 0,
    extendedTimestamp: false,
  });
  await writer.add('META-INF/container.xml', new TextReader(CONTAINER));
  await writer.add('OEBPS/content.opf', new TextReader(opf));
  for (const file of spec.files) await writer.add(`OEBPS/${file.href}`, new TextReader(file.text));
  const blob = await writer.close();
  return new Uint8Array(await blob.arrayBuffer());
}

/** A nav document listing `entries` (label, href). */
export function navDocument(entries: [string, string][]): string {
  const items = entries.map(([label, href]) => `<li><a href="${href}">${label}</a></li>`).join('');
  return `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
<body><nav epub:type="toc"><ol>${items}</ol></nav></body></html>`;
}
