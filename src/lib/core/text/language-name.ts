/**
 * A language code as a person reads it ("fr" → "French", "pt-BR" →
 * "Brazilian Portuguese"); a code no language has, or a free-text value a
 * file gave, stays as it is.
 */
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a well-formed language tag ("English", "eng; fre").
    return code;
  }
}
