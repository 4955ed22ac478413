/**
 * Which subject values (keywords, dc:subject, EXTH subjects) are genres or
 * tags a person could browse by. Some tools store a whole document in a
 * subject field — comicbox once wrote the ComicInfo XML into a PDF's
 * /Keywords — and splitting that on commas would make markup into genres.
 * A value holding a tag or an XML declaration, or longer than any genre
 * name, is dropped, and the caller says so in its warnings.
 */

/**
 * Longer than any genre or tag: library subject headings run long ("Scarecrow
 * (Fictitious character from Baum) -- Juvenile fiction" is 62) but not to 150.
 */
export const MAX_SUBJECT_LENGTH = 150;

/** An XML declaration, a processing instruction, or an element tag: "<?xml", "<Title>", "</b>", "<br/>". */
const MARKUP = /<\?xml|<!\[CDATA\[|<!DOCTYPE|<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>/i;

const MARKUP_REASON = 'it holds markup (XML or HTML), not a genre or tag';

/** Why a subject value is not a subject, or undefined when it is one. */
export function notASubject(value: string): string | undefined {
  if (MARKUP.test(value)) return MARKUP_REASON;
  if (value.length > MAX_SUBJECT_LENGTH) {
    return `it is ${value.length} characters long, longer than a genre or tag`;
  }
  return undefined;
}

/**
 * Subject values kept, in order; each dropped one adds a warning naming
 * `where` (e.g. "The PDF's Keywords") and why.
 */
export function keepSubjects(
  values: readonly string[],
  where: string,
  warnings: string[],
): string[] {
  return values.filter((value) => {
    const reason = notASubject(value);
    if (reason)
      warnings.push(`${where} value “${preview(value)}” was not used as a genre: ${reason}.`);
    return reason === undefined;
  });
}

/**
 * A keyword line ("a, b; c") split into subjects. A line holding markup is
 * dropped whole: split on its commas, an XML document leaves fragments that
 * look like tags ("e" from "<Tags>d,e,f</Tags>").
 */
export function keywordSubjects(
  line: string | undefined,
  where: string,
  warnings: string[],
): string[] {
  if (!line) return [];
  if (MARKUP.test(line)) {
    warnings.push(`${where} value “${preview(line)}” was not used as genres: ${MARKUP_REASON}.`);
    return [];
  }
  const values = line.split(/[,;]/).map((value) => value.trim());
  return keepSubjects(
    values.filter((value) => value !== ''),
    where,
    warnings,
  );
}

function preview(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
