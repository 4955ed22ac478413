const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language tag as a name ("fr" → "French"); the tag itself when it names no language. */
export function languageName(tag: string): string {
  if (tag === 'unknown') return 'Not given';
  try {
    return names.of(tag) ?? tag;
  } catch {
    // A tag that is not well-formed BCP 47 (files carry anything).
    return tag;
  }
}
