import type { Contents, Rendition } from 'epubjs';
import {
  keyAction,
  keyBelongsToControl,
  swipeAction,
  tapAction,
  type TurnAction,
} from './page-gestures';

/**
 * Keys, taps and swipes, on the page and inside the book's frames. The
 * frames' listeners are this page's functions (so they run with the frames'
 * scripts off), added to each chapter's document as it loads; not epubjs's
 * passed-on events, whose listeners are passive and could not stop a key
 * from also scrolling, or a link from leaving. `act` does what they ask.
 */
export function listenForTurns(
  rendition: Rendition,
  viewer: HTMLElement,
  act: (action: TurnAction) => void,
  rightToLeft: boolean,
): () => void {
  function onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || keyBelongsToControl(event.target, event.key)) return;
    const action = keyAction(event, rightToLeft);
    if (!action) return;
    event.preventDefault();
    act(action);
  }

  function onClick(event: MouseEvent): void {
    const target = event.target as Element | null;
    // Links are the book's: epubjs follows those inside it; the sandbox has no popups, so
    // a link out of the book opens here, in a new tab that cannot reach back.
    const link = target?.closest?.('a[href]');
    if (link) {
      const href = link.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) {
        event.preventDefault();
        window.open(href, '_blank', 'noopener,noreferrer');
      }
      return;
    }
    // Someone selecting text is not tapping.
    if (event.view?.getSelection()?.toString()) return;
    const frame = event.view?.frameElement;
    const left = frame ? frame.getBoundingClientRect().left : 0;
    const box = viewer.getBoundingClientRect();
    act(tapAction(left + event.clientX - box.left, box.width, rightToLeft));
  }

  let touch: { x: number; y: number; at: number } | undefined;
  function onTouchStart(event: TouchEvent): void {
    const point = event.changedTouches[0];
    touch =
      point && event.touches.length === 1
        ? { x: point.clientX, y: point.clientY, at: event.timeStamp }
        : undefined;
  }
  function onTouchEnd(event: TouchEvent): void {
    const point = event.changedTouches[0];
    if (!touch || !point) return;
    const action = swipeAction(
      point.clientX - touch.x,
      point.clientY - touch.y,
      event.timeStamp - touch.at,
      rightToLeft,
    );
    touch = undefined;
    if (action) act(action);
  }

  function listen(contents: Contents): void {
    const doc = contents.document;
    doc.addEventListener('keydown', onKey);
    doc.addEventListener('click', onClick);
    doc.addEventListener('touchstart', onTouchStart, { passive: true });
    doc.addEventListener('touchend', onTouchEnd, { passive: true });
  }

  rendition.hooks.content.register(listen);
  window.addEventListener('keydown', onKey);
  return () => {
    rendition.hooks.content.deregister(listen);
    window.removeEventListener('keydown', onKey);
  };
}
