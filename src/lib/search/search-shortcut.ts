import { goto } from '$app/navigation';
import { resolve } from '$app/paths';

/** Marks the search box; the `/` key looks for it. */
export const SEARCH_BOX_ATTRIBUTE = 'data-search-box';

let focusOnArrival = false;

/** Whether a search box that just appeared should take the focus (`/` was pressed elsewhere). */
export function takeFocusRequest(): boolean {
  const wanted = focusOnArrival;
  focusOnArrival = false;
  return wanted;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * `/` from anywhere in the app (not while typing in a field): to the search
 * box, on the books page or by going there.
 */
export function onSearchKey(event: KeyboardEvent): void {
  if (event.key !== '/' || event.defaultPrevented) return;
  if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
  event.preventDefault();
  const box = document.querySelector<HTMLInputElement>(`[${SEARCH_BOX_ATTRIBUTE}]`);
  if (box) {
    box.focus();
    box.select();
    return;
  }
  focusOnArrival = true;
  void goto(resolve('/books'));
}
