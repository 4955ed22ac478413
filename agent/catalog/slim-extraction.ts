import type { Extraction } from '#core/formats/types';
import { merge } from '#core/merge/merge';
import type { FieldCandidate } from '#core/metadata/types';
import type { BookDoc } from '#core/schema/book-doc';

type Candidates = Extraction['candidates'];

/**
 * The file's own answer per field, as one candidate each: the value the
 * file's candidates agree on, its confidence and where in the file it came
 * from (the merge the app runs, over the file alone). That is all a browser
 * needs to list, search, filter and sort; it still merges it with the
 * outside sources, Calibre and the user's values. Every candidate the file
 * gave stays on the agent (book-details-store.ts) for the metadata page.
 */
export function fileAnswers(candidates: Candidates): Candidates {
  const answers: FieldCandidate[] = [];
  for (const [field, decision] of Object.entries(merge(candidates).fields)) {
    // A merge with no value of the user's is won by a candidate: this only narrows the type.
    if (decision.origin === 'user') continue;
    answers.push({
      field,
      value: decision.value,
      origin: decision.origin,
      confidence: decision.confidence,
    } as FieldCandidate);
  }
  return answers;
}

/** Whether a book document carries more than one candidate for some field (a fat one). */
export function isFat(doc: Pick<BookDoc, 'extraction'>): boolean {
  const seen = new Set<string>();
  for (const c of doc.extraction?.candidates ?? []) {
    if (seen.has(c.field)) return true;
    seen.add(c.field);
  }
  return false;
}

/**
 * A book document as it replicates: the file's answers in place of every
 * candidate it gave. Returns the candidates taken out, when there were more
 * than the answers (a document with one candidate a field is already slim).
 */
export function slimBookDoc<D extends Pick<BookDoc, 'extraction'>>(
  doc: D,
): { doc: D; candidates?: Candidates } {
  const extraction = doc.extraction;
  if (!extraction || !isFat(doc)) return { doc };
  return {
    doc: { ...doc, extraction: { ...extraction, candidates: fileAnswers(extraction.candidates) } },
    candidates: extraction.candidates,
  };
}
