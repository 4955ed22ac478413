import type { Kf8, Kf8Toc } from '@lingo-reader/mobi-parser';
import { assembleChapters, draftHref, type ChapterDraft, type TocDraft } from './chapters';
import type { BookContent } from './book-content';
import { externalLink, sameChapterLink } from './links';
import { ResourceFiles } from './resource-files';
import { toXhtmlBody } from './xhtml-body';

/**
 * A KF8 book (AZW3, or the KF8 part of a joint MOBI) through lingo-reader's
 * Kf8 parser, which writes the book's images, fonts and style sheets into
 * `workDir` and names them by path in the chapters it rebuilds from the
 * skeleton and fragment tables. Links are `kindle:pos:fid:…:off:…` positions,
 * which the parser resolves to a chapter and an element (`[aid="…"]`).
 */
export async function readKf8Book(bytes: Uint8Array, workDir: string): Promise<BookContent> {
  // Loaded on first use: 200 ms and 12 MB a reader process would otherwise pay at start.
  const { initKf8File } = await import('@lingo-reader/mobi-parser');
  const kf8 = await initKf8File(bytes, workDir);
  const files = new ResourceFiles(workDir);
  const spine = kf8.getSpine();
  const indexOf = new Map(spine.map((chapter, index) => [chapter.id, index]));
  const position = (href: string) => positionHref(kf8, indexOf, href);

  const drafts = spine.map((chapter, index): ChapterDraft => {
    const processed = kf8.loadChapter(chapter.id);
    if (!processed) return { body: toXhtmlBody('', NO_LINKS), stylesheets: [] };
    const body = toXhtmlBody(processed.html, {
      resource: (src) => files.image(src),
      link: (href) => sameChapterLink(href, index) ?? position(href) ?? externalLink(href),
    });
    const stylesheets = processed.css.flatMap((css) => files.stylesheet(css.href) ?? []);
    return { body, stylesheets };
  });
  const cover = kf8.getCoverImage();
  if (cover) files.image(cover, true);
  return {
    ...assembleChapters(drafts, tocDrafts(kf8.getToc(), position)),
    resources: files.resources,
  };
}

const NO_LINKS = { resource: () => undefined, link: () => undefined };

/** A `kindle:pos:` link as the chapter and element it names. */
function positionHref(kf8: Kf8, indexOf: Map<string, number>, href: string): string | undefined {
  if (!href.startsWith('kindle:pos:')) return undefined;
  try {
    const resolved = kf8.resolveHref(href);
    const index = resolved && indexOf.get(resolved.id);
    return index === undefined || !resolved
      ? undefined
      : draftHref(index, fragmentOf(resolved.selector));
  } catch {
    // A position outside the book's fragment table.
    return undefined;
  }
}

/** `[id="x"]`, `[name="x"]` or `[aid="x"]` as the id xhtml-body gave that element. */
function fragmentOf(selector: string): string | undefined {
  const match = /^\[(id|name|aid)="([^"]*)"\]$/.exec(selector);
  if (!match?.[2]) return undefined;
  return match[1] === 'aid' ? `aid-${match[2]}` : match[2];
}

function tocDrafts(toc: Kf8Toc, position: (href: string) => string | undefined): TocDraft[] {
  return toc.map((item) => ({
    label: typeof item.label === 'string' ? item.label : '',
    href: position(item.href),
    children: tocDrafts(item.children ?? [], position),
  }));
}
