import type { ReadingState } from '#core/reading/reading-state';
import type { ReadingStatus } from '#core/schema/reading-status-doc';

/**
 * Which book other formats stand under (their main), for the search worker's
 * reading filter: a PDF read before an admin grouped it with its EPUB makes
 * the EPUB "reading" too, as the book's card already shows. The user's own
 * documents keep the id they were made with; the index resolves it here.
 */
export class FormatMains {
  private readonly mains = new Map<string, string>();
  private readonly formats = new Map<string, Set<string>>();

  /** The book `id` now stands under `main` (another format of it), or alone (undefined). */
  set(id: string, main: string | undefined): void {
    const before = this.mains.get(id);
    if (before === main) return;
    if (before) this.formats.get(before)?.delete(id);
    if (main) {
      this.mains.set(id, main);
      let set = this.formats.get(main);
      if (!set) this.formats.set(main, (set = new Set()));
      set.add(id);
    } else this.mains.delete(id);
  }

  mainOf(id: string): string {
    return this.mains.get(id) ?? id;
  }

  /** The main and every format standing under it. */
  idsOf(main: string): string[] {
    return [main, ...(this.formats.get(main) ?? [])];
  }
}

/**
 * One status per main book from the states of its formats: the one the user
 * did something with last (a book finished as a PDF and never opened as an
 * EPUB is finished).
 */
export function statusPerMain(
  states: readonly (ReadingState | undefined)[],
  mains: FormatMains,
): Map<string, ReadingStatus> {
  const latest = new Map<string, ReadingState>();
  for (const state of states) {
    if (!state) continue;
    const main = mains.mainOf(state.book);
    const kept = latest.get(main);
    if (!kept || state.activeAt > kept.activeAt) latest.set(main, state);
  }
  return new Map([...latest].map(([main, state]) => [main, state.status]));
}
