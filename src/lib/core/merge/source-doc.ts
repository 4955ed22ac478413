import { z } from 'zod';
import { SOURCE_IDS } from './sources';
import type { DataSource } from './trust';

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

/** The source a document describes; undefined when it is not a valid source document. */
export function readSourceDoc(raw: unknown): DataSource | undefined {
  const parsed = sourceDocSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { id, trust, enabled, priority, probation, stats } = parsed.data;
  return { id, trust, enabled, priority, probation, stats };
}
