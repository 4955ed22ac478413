import type { Rendition } from 'epubjs';
import {
  keyAction,
  keyBelongsToControl,
  swipeAction,
  tapAction,
  type TurnAction,
} from './page-gestures';

/**
 * Keys, taps and swipes, inside the book's frames as well as on the page.
 * epubjs passes the frames' DOM events on through the rendition (its
 * listeners belong to this page, so they work with the frames' scripts
 * off); `act` does what they ask.
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

  rendition.on('keydown', onKey);
  rendition.on('click', onClick);
  rendition.on('touchstart', onTouchStart);
  rendition.on('touchend', onTouchEnd);
  window.addEventListener('keydown', onKey);
  return () => {
    rendition.off('keydown', onKey);
    rendition.off('click', onClick);
    rendition.off('touchstart', onTouchStart);
    rendition.off('touchend', onTouchEnd);
    window.removeEventListener('keydown', onKey);
  };
}
