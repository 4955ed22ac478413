import { z } from 'zod';
import { bookMetadataSchema } from '../metadata/schema';

/**
 * What the user decided about one book: fields typed or picked (these win
 * every merge, at confidence 1.0) and the cover chosen as primary. Written
 * through the agent, kept separate from the file's facts so a rescan never
 * touches it.
 */
export const editDocSchema = z.object({
  _id: z.string().startsWith('edit:'),
  _rev: z.string().optional(),
  type: z.literal('edit'),
  v: z.literal(1),
  library: z.string(),
  book: z.string().startsWith('book:'),
  fields: bookMetadataSchema,
  /** The cover document the user picked; the embedded one otherwise. */
  cover: z.string().startsWith('cover:').optional(),
  updatedAt: z.string(),
  updatedBy: z.string().optional(),
});
export type EditDoc = z.infer<typeof editDocSchema>;

export function editDocId(library: string, bookId: string): string {
  return `edit:${library}:${bookId}`;
}

export function readEditDoc(raw: unknown): EditDoc | undefined {
  const parsed = editDocSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
