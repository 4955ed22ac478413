import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { EpubBook, EpubChapter, TocEntry } from './epub-book';
import { escapeXml } from './xhtml-body';

/**
 * An EpubBook as an EPUB 3 file: `mimetype` first and stored (no extra
 * field), META-INF/container.xml, the package document with its metadata,
 * manifest and spine, a nav.xhtml table of contents, then the chapters and
 * resources.
 */

const PACKAGE_DIR = 'OEBPS';
const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${PACKAGE_DIR}/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/** Dates the package may carry: W3CDTF. */
const W3C_DATE =
  /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

export async function writeEpub(book: EpubBook): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await zip.add('mimetype', new TextReader('application/epub+zip'), {
    level: 0,
    extendedTimestamp: false,
    dataDescriptor: false,
  });
  await zip.add('META-INF/container.xml', new TextReader(CONTAINER));
  await zip.add(`${PACKAGE_DIR}/content.opf`, new TextReader(packageDocument(book)));
  await zip.add(`${PACKAGE_DIR}/nav.xhtml`, new TextReader(navDocument(book)));
  for (const chapter of book.chapters) {
    await zip.add(
      `${PACKAGE_DIR}/${chapter.fileName}`,
      new TextReader(chapterDocument(chapter, book.metadata.language)),
    );
  }
  for (const resource of book.resources) {
    // Images and fonts are compressed already.
    const level = /^(image\/(jpeg|png|gif|webp)|font\/woff2?)$/.test(resource.mediaType) ? 0 : 6;
    await zip.add(`${PACKAGE_DIR}/${resource.href}`, new Uint8ArrayReader(resource.bytes), {
      level,
    });
  }
  return zip.close();
}

function packageDocument(book: EpubBook): string {
  const m = book.metadata;
  const element = (name: string, value: string | undefined) =>
    value ? `    <dc:${name}>${escapeXml(value)}</dc:${name}>\n` : '';
  const metadata = [
    `    <dc:identifier id="book-id">${escapeXml(m.identifier)}</dc:identifier>\n`,
    element('title', m.title),
    ...m.authors.map((author) => element('creator', author)),
    element('language', m.language),
    element('publisher', m.publisher),
    element('description', m.description),
    element('date', m.published && W3C_DATE.test(m.published) ? m.published : undefined),
    `    <meta property="dcterms:modified">${m.modified}</meta>\n`,
  ].join('');
  const items = [
    '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n',
    ...book.chapters.map(
      (c, i) =>
        `    <item id="c${i + 1}" href="${c.fileName}" media-type="application/xhtml+xml"/>\n`,
    ),
    ...book.resources.map(
      (r, i) =>
        `    <item id="r${i + 1}" href="${escapeXml(r.href)}" media-type="${r.mediaType}"` +
        `${r.cover ? ' properties="cover-image"' : ''}/>\n`,
    ),
  ].join('');
  const spine = book.chapters.map((_, i) => `    <itemref idref="c${i + 1}"/>\n`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${m.language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata}  </metadata>
  <manifest>
${items}  </manifest>
  <spine>
${spine}  </spine>
</package>
`;
}

function xhtmlDocument(language: string, title: string, head: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${language}" xml:lang="${language}">
<head>
<title>${escapeXml(title)}</title>
${head}</head>
<body>
${body}
</body>
</html>
`;
}

function chapterDocument(chapter: EpubChapter, language: string): string {
  const links = chapter.stylesheets
    .map((href) => `<link rel="stylesheet" type="text/css" href="${escapeXml(href)}"/>\n`)
    .join('');
  return xhtmlDocument(language, chapter.title, links, chapter.body);
}

function navDocument(book: EpubBook): string {
  const list = (entries: TocEntry[]): string =>
    `<ol>\n${entries
      .map(
        (entry) =>
          `<li><a href="${escapeXml(entry.href)}">${escapeXml(entry.label)}</a>` +
          `${entry.children.length > 0 ? list(entry.children) : ''}</li>\n`,
      )
      .join('')}</ol>`;
  const body = `<nav epub:type="toc" id="toc">\n<h1>Contents</h1>\n${list(book.toc)}\n</nav>`;
  return xhtmlDocument(book.metadata.language, 'Contents', '', body);
}
