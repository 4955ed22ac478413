/**
 * Text a book hides by moving it far off the page (`position: absolute;
 * left: -999em`, calibre's rendering of a title page's heading that an
 * image shows) stretches epubjs's measure of a chapter, since epubjs sizes
 * the columns by the range of all its text: the title page of such a book
 * became 30-odd blank pages. Such elements are hidden the way screen
 * readers still read (clipped to a pixel, in place), so the measure is the
 * visible text's.
 */
export function tuckAwayOffscreen(doc: Document): number {
  const body = doc.body as HTMLElement | null;
  if (!body) return 0;
  const view = doc.defaultView;
  // Only what lies wholly before the first column: in a left-to-right book the
  // columns run right, so anything left of the body is off every page.
  const edge = body.getBoundingClientRect().left;
  const hidden: HTMLElement[] = [];
  for (const element of body.querySelectorAll<HTMLElement>('*')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.right >= edge - 1) continue;
    const position = view?.getComputedStyle(element).position;
    if (position === 'absolute' || position === 'fixed') hidden.push(element);
  }
  // Written after every read: one layout, not one per element.
  for (const element of hidden) {
    const style = element.style;
    style.setProperty('left', '0', 'important');
    style.setProperty('right', 'auto', 'important');
    style.setProperty('width', '1px', 'important');
    style.setProperty('height', '1px', 'important');
    style.setProperty('overflow', 'hidden', 'important');
    style.setProperty('clip-path', 'inset(50%)', 'important');
    style.setProperty('white-space', 'nowrap', 'important');
  }
  return hidden.length;
}
