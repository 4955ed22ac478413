/**
 * Text as sources send it, made fit to show. Descriptions are kept as text:
 * Open Library's Markdown loses its markup, HTML from Google Books and Comic
 * Vine stays HTML (the UI renders it sanitised, see BookMetadata).
 */

/**
 * Windows-1252 for the C1 control range. Services that took cp1252 text for
 * Latin-1 send "\u0097" where the author wrote "—" (the recorded Google Books
 * answer does); no one means a C1 control in a book description.
 */
// 0x80…0x9f in order; "_" where cp1252 assigns nothing (those are dropped).
const CP1252_C1 = '€_‚ƒ„…†‡ˆ‰Š‹Œ_Ž__‘’“”•–—˜™š›œ_žŸ';

/** C1 controls read as the cp1252 characters they were; the few unassigned ones dropped. */
export function repairC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_C1.charAt(c.charCodeAt(0) - 0x80);
    return mapped === '_' ? '' : mapped;
  });
}

/** Text with C1 repaired and outer whitespace trimmed; undefined when nothing is left. */
export function cleanText(text: string | undefined | null): string | undefined {
  if (typeof text !== 'string') return undefined;
  const out = repairC1(text).replace(/\r\n?/g, '\n').trim();
  return out === '' ? undefined : out;
}

/**
 * Markdown as Open Library's editors write it, as plain text: links and
 * images keep their words, emphasis and quote and heading marks go, rules
 * and runs of blank lines shrink. Not a Markdown parser: the few marks that
 * appear in book descriptions.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
