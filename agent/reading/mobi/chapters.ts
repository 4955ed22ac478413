import { chapterFileName, type EpubChapter, type TocEntry } from './epub-book';
import { ConversionError } from './conversion-error';
import type { XhtmlBody } from './xhtml-body';

/**
 * The chapters as the parser split them, before the empty ones are dropped:
 * links and the table of contents point at them by their provisional file
 * names (draftHref), which assembleChapters renumbers.
 */
export interface ChapterDraft {
  body: XhtmlBody;
  stylesheets: string[];
}

export interface TocDraft {
  label: string;
  /** A draftHref, or undefined when the entry points nowhere the book has. */
  href?: string;
  children: TocDraft[];
}

const DRAFT_HREF = /^c(\d{4,})\.xhtml(?:#(.*))?$/;
const BODY_HREF = / href="(c\d{4,}\.xhtml(?:#[^"]*)?)"/g;

/** The provisional href of the spine item at `index`, and of an id in it. */
export function draftHref(index: number, fragment?: string): string {
  return `${chapterFileName(index)}${fragment ? `#${encodeURIComponent(fragment)}` : ''}`;
}

/**
 * The chapters that have something to show, their links and the table of
 * contents pointed at their final file names: a link to a dropped (empty)
 * chapter goes to the next one, and a fragment naming no id in its chapter
 * is dropped. A book without a table of contents gets one entry per chapter.
 */
export function assembleChapters(
  drafts: readonly ChapterDraft[],
  tocDrafts: readonly TocDraft[],
): { chapters: EpubChapter[]; toc: TocEntry[] } {
  const kept = drafts.flatMap((draft, index) => (draft.body.hasContent ? [index] : []));
  if (kept.length === 0) throw new ConversionError('the book has no text or pictures to show');
  /** Final index of each draft: itself when kept, else the next kept one (or the last). */
  const finalIndex = drafts.map((_, index) => {
    const next = kept.findIndex((k) => k >= index);
    return next === -1 ? kept.length - 1 : next;
  });
  const rename = (href: string): string => {
    const match = DRAFT_HREF.exec(href);
    if (!match) return href;
    const draft = Number(match[1]) - 1;
    const target = finalIndex[draft];
    if (target === undefined) return chapterFileName(0);
    const fragment = match[2];
    const keepsFragment =
      fragment !== undefined &&
      kept[target] === draft &&
      drafts[draft]?.body.ids.has(decodeFragment(fragment));
    return `${chapterFileName(target)}${keepsFragment ? `#${fragment}` : ''}`;
  };

  let toc = tocEntries(tocDrafts, rename);
  const titles = new Map<string, string>();
  const name = (entries: TocEntry[]) => {
    for (const entry of entries) {
      const file = entry.href.split('#')[0] ?? '';
      if (!titles.has(file)) titles.set(file, entry.label);
      name(entry.children);
    }
  };
  name(toc);
  const chapters = kept.map((draftIndex, index): EpubChapter => {
    const draft = drafts[draftIndex] as ChapterDraft;
    const fileName = chapterFileName(index);
    return {
      fileName,
      title: titles.get(fileName) ?? draft.body.heading ?? `Section ${index + 1}`,
      body: draft.body.xhtml.replace(
        BODY_HREF,
        (_whole, href: string) => ` href="${rename(href)}"`,
      ),
      ids: draft.body.ids,
      stylesheets: draft.stylesheets,
    };
  });
  if (toc.length === 0)
    toc = chapters.map((c) => ({ label: c.title, href: c.fileName, children: [] }));
  return { chapters, toc };
}

/** Entries with a place in the book; one without takes its first child's, or goes. */
function tocEntries(drafts: readonly TocDraft[], rename: (href: string) => string): TocEntry[] {
  return drafts.flatMap((draft): TocEntry[] => {
    const children = tocEntries(draft.children, rename);
    const href = draft.href === undefined ? children[0]?.href : rename(draft.href);
    const label = draft.label.replace(/\s+/g, ' ').trim();
    if (href === undefined) return children;
    return [{ label: label || 'Untitled', href, children }];
  });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
