/**
 * A second lock on a book's chapters, beside the frame's sandbox and the
 * app's own policy (which a chapter's frame inherits): the chapter may use
 * what epubjs unpacked from the book (blob: and data: URLs) and the styles
 * it carries, and fetch nothing, not even from the agent (the app's policy
 * allows 'self' for its own images and requests).
 */
export const CHAPTER_POLICY = [
  "default-src 'none'",
  'img-src blob: data:',
  "style-src blob: data: 'unsafe-inline'",
  'font-src blob: data:',
  'media-src blob: data:',
].join('; ');

/**
 * Puts the policy first in a chapter's head, before anything it governs,
 * and drops a refresh (a policy does not govern where the frame itself goes).
 */
export function lockChapter(doc: Document): void {
  const root = doc.documentElement;
  let head = doc.querySelector('head');
  if (!head) {
    head = doc.createElementNS(root.namespaceURI, 'head') as HTMLHeadElement;
    root.insertBefore(head, root.firstChild);
  }
  for (const refresh of doc.querySelectorAll('meta[http-equiv]'))
    if (refresh.getAttribute('http-equiv')?.toLowerCase() === 'refresh') refresh.remove();
  const meta = doc.createElementNS(head.namespaceURI, 'meta');
  meta.setAttribute('http-equiv', 'Content-Security-Policy');
  meta.setAttribute('content', CHAPTER_POLICY);
  head.insertBefore(meta, head.firstChild);
}
