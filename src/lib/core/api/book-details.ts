import { z } from 'zod';
import type { FieldDecisions } from '../merge/merge';
import { lookupDocSchema, type LookupDoc } from '../schema/lookup-doc';
import { route } from './route';

/**
 * What a book's metadata page shows beyond the replicated catalog: every
 * candidate of each field (the file's own, the outside sources', Calibre's),
 * merged as the app merges, and each outside source's last answer. Book
 * documents replicate with the file's answer per field only.
 */
export interface BookDetails {
  /** The book document's id. */
  book: string;
  fields: FieldDecisions;
  lookups: LookupDoc[];
}

const candidateViewSchema = z.object({
  value: z.unknown(),
  origin: z.string(),
  source: z.string(),
  confidence: z.number(),
  weight: z.number(),
  agreed: z.boolean(),
});

const decisionSchema = z.object({
  value: z.unknown(),
  confidence: z.number(),
  source: z.string(),
  origin: z.string(),
  candidates: z.array(candidateViewSchema),
  conflict: z.boolean(),
});

/** Values are checked as the merge made them on the agent; their shapes are per field. */
export const bookDetailsSchema = z.object({
  book: z.string().startsWith('book:'),
  fields: z.record(z.string(), decisionSchema),
  lookups: z.array(lookupDocSchema),
}) as unknown as z.ZodType<BookDetails>;

/** Readers and admins alike: the metadata page shows both every candidate and source. */
export const BOOK_DETAILS = {
  get: route({
    method: 'GET',
    path: '/api/books/:bookId/details',
    response: bookDetailsSchema,
  }),
};
