import type { MobiToc } from '@lingo-reader/mobi-parser';
import { assembleChapters, draftHref, type ChapterDraft, type TocDraft } from './chapters';
import type { BookContent } from './book-content';
import { externalLink, sameChapterLink } from './links';
import { ResourceFiles } from './resource-files';
import { toXhtmlBody } from './xhtml-body';

/**
 * A MOBI 6 book through lingo-reader's Mobi parser: the text split at its
 * page breaks (`<mbp:pagebreak>`), images written to `workDir` (named by
 * path in the chapters), the table of contents read from the book's own TOC
 * page. Links are `filepos:` byte positions in the text; each goes to the
 * chapter holding that position.
 */
export async function readMobi6Book(bytes: Uint8Array, workDir: string): Promise<BookContent> {
  // Loaded on first use: 200 ms and 12 MB a reader process would otherwise pay at start.
  const { initMobiFile } = await import('@lingo-reader/mobi-parser');
  const mobi = await initMobiFile(bytes, workDir);
  const files = new ResourceFiles(workDir);
  const spine = mobi.getSpine();
  const position = (href: string): string | undefined => {
    const match = /^filepos:(\d+)$/.exec(href);
    if (!match) return undefined;
    const at = Number(match[1]);
    // The last chapter has no end: it runs to the end of the text.
    const index = spine.findIndex((chapter) => (chapter.end ?? Infinity) > at);
    return index === -1 ? undefined : draftHref(index);
  };

  const drafts = spine.map((chapter, index): ChapterDraft => {
    const processed = mobi.loadChapter(chapter.id);
    const body = toXhtmlBody(processed?.html ?? '', {
      resource: (src) => files.image(src),
      link: (href) => sameChapterLink(href, index) ?? position(href) ?? externalLink(href),
    });
    return { body, stylesheets: [] };
  });
  const cover = mobi.getCoverImage();
  if (cover) files.image(cover, true);
  return {
    ...assembleChapters(drafts, tocDrafts(mobi.getToc(), position)),
    resources: files.resources,
  };
}

function tocDrafts(toc: MobiToc, position: (href: string) => string | undefined): TocDraft[] {
  return toc.map((item) => ({
    // The parser reads labels with xml2js: an entry with markup inside has none.
    label: typeof item.label === 'string' ? item.label : '',
    href: position(item.href),
    children: tocDrafts(item.children ?? [], position),
  }));
}
