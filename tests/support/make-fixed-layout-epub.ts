import { makeEpubFiles, navDocument, type EpubFile } from './make-epub-files';

/** A fixed-layout (pre-paginated) EPUB: `pages` pages of 600×800, each saying "Page N". */
export function makeFixedLayoutEpub(title: string, pages: number): Promise<Uint8Array> {
  const files: EpubFile[] = Array.from({ length: pages }, (_, i) => ({
    href: `page-${i + 1}.xhtml`,
    mediaType: 'application/xhtml+xml',
    spine: true,
    text: `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Page ${i + 1}</title>
<meta name="viewport" content="width=600, height=800"/>
<style>html, body { margin: 0; width: 600px; height: 800px; }
.page { width: 600px; height: 800px; background: hsl(${i * 70}, 60%, 80%); font: 48px sans-serif;
  display: flex; align-items: center; justify-content: center; }</style></head>
<body><div class="page">Page ${i + 1}</div></body></html>`,
  }));
  return makeEpubFiles({
    title,
    metadata:
      '<meta property="rendition:layout">pre-paginated</meta><meta property="rendition:spread">auto</meta>',
    files: [
      {
        href: 'nav.xhtml',
        mediaType: 'application/xhtml+xml',
        properties: 'nav',
        text: navDocument(files.map((file, i) => [`Page ${i + 1}`, file.href])),
      },
      ...files,
    ],
  });
}
