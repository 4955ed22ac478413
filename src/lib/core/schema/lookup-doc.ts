import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { EXTERNAL_SOURCE_IDS, type ExternalSourceId } from '../merge/sources';
import { mergeCandidateSchema } from '../metadata/schema';

export const LOOKUP_DOC_VERSION = 1;

/**
 * What one outside source said about one book, the last time it was asked:
 * its candidates (applied to the merge only when the match was sure), the
 * covers it offers, how sure the match was, or why it could not answer.
 */
export const lookupDocSchema = z.object({
  _id: z.string().startsWith('lookup:'),
  _rev: z.string().optional(),
  type: z.literal('lookup'),
  v: z.literal(LOOKUP_DOC_VERSION),
  library: z.string(),
  book: z.string().startsWith('book:'),
  source: z.enum(EXTERNAL_SOURCE_IDS),
  fetchedAt: z.string(),
  candidates: z.array(mergeCandidateSchema),
  covers: z.array(
    z.object({ url: z.string(), width: z.number().optional(), height: z.number().optional() }),
  ),
  /** Undefined for an ISBN hit; a search hit below the threshold is only a suggestion. */
  match: z.object({ score: z.number().min(0).max(1), applied: z.boolean() }).optional(),
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
});
export type LookupDoc = z.infer<typeof lookupDocSchema>;

export function lookupDocId(library: string, bookId: string, source: ExternalSourceId): string {
  return `lookup:${library}:${bookId}:${source}`;
}

export const lookupDocType = defineDocumentType({
  type: 'lookup',
  version: LOOKUP_DOC_VERSION,
  schema: lookupDocSchema,
});

export function readLookupDoc(raw: unknown): LookupDoc | undefined {
  return lookupDocType.read(raw);
}

/** The candidates a lookup lets the merge use: all for an ISBN hit, none for an unsure match. */
export function appliedLookupCandidates(doc: LookupDoc): LookupDoc['candidates'] {
  return doc.match && !doc.match.applied ? [] : doc.candidates;
}
