import { draftHref } from './chapters';

/** Links that leave the book stay links (they load nothing until followed); no other scheme does. */
export function externalLink(href: string): string | undefined {
  return /^(https?:\/\/|mailto:)/i.test(href) ? href : undefined;
}

/** A link within the chapter it is in (`#note-3`). */
export function sameChapterLink(href: string, chapter: number): string | undefined {
  return href.startsWith('#') && href.length > 1
    ? draftHref(chapter, decodeOr(href.slice(1)))
    : undefined;
}

function decodeOr(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
