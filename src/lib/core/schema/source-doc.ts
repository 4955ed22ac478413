import { z } from 'zod';
import { SOURCE_IDS } from '../merge/sources';
import type { DataSource } from '../merge/trust';
import { defineDocumentType } from './document-type';

/**
 * A data source as replicated: one document per source and library, so a
 * trust change made on any device reaches every merge. Stats are the agent's
 * counts for that library.
 */
export const SOURCE_DOC_VERSION = 1;

const count = z.number().int().nonnegative();

export const sourceDocSchema = z.object({
  _id: z.string().startsWith('source:'),
  _rev: z.string().optional(),
  type: z.literal('source'),
  v: z.literal(SOURCE_DOC_VERSION),
  library: z.string(),
  id: z.enum(SOURCE_IDS),
  trust: z.number().min(0).max(1),
  enabled: z.boolean(),
  priority: z.number().int(),
  probation: z.union([z.literal(false), z.object({ until: z.string().optional() })]),
  stats: z.object({ requests: count, failures: count, accepted: count, overridden: count }),
});
export type SourceDoc = z.infer<typeof sourceDocSchema>;

export function sourceDocId(library: string, id: DataSource['id']): string {
  return `source:${library}:${id}`;
}

export function sourceDoc(library: string, source: DataSource): SourceDoc {
  return {
    _id: sourceDocId(library, source.id),
    type: 'source',
    v: SOURCE_DOC_VERSION,
    library,
    ...source,
  };
}

export const sourceDocType = defineDocumentType({
  type: 'source',
  version: SOURCE_DOC_VERSION,
  schema: sourceDocSchema,
});

/** The source a document describes, without the document's own fields. */
export function sourceOf(doc: SourceDoc): DataSource {
  const { id, trust, enabled, priority, probation, stats } = doc;
  return { id, trust, enabled, priority, probation, stats };
}

/** The source a document describes; undefined when it is not a valid source document. */
export function readSourceDoc(raw: unknown): DataSource | undefined {
  const doc = sourceDocType.read(raw);
  return doc ? sourceOf(doc) : undefined;
}
