const LEADING_ARTICLE = /^(the|a|an)\s+/;

/**
 * A key that sorts titles the way a reader expects: case- and accent-blind,
 * leading English articles ignored ("The Time Machine" sorts under T… for
 * Time), punctuation ignored.
 */
export function titleSortKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LEADING_ARTICLE, '');
}
