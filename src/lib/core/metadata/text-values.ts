/** Tidying for text values as files spell them. */

/** Whitespace collapsed and trimmed; undefined when nothing is left. */
export function clean(text: string | undefined): string | undefined {
  const cleaned = text?.replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : undefined;
}

/** Present values, first spelling kept, duplicates (ignoring case) dropped; undefined when empty. */
export function uniqueText(values: readonly (string | undefined)[]): string[] | undefined {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of values) {
    const key = value?.toLowerCase();
    if (value === undefined || key === undefined || seen.has(key)) continue;
    seen.add(key);
    kept.push(value);
  }
  return kept.length > 0 ? kept : undefined;
}
