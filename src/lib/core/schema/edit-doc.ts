import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { bookMetadataSchema } from '../metadata/schema';

export const EDIT_DOC_VERSION = 1;

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
  v: z.literal(EDIT_DOC_VERSION),
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

/** A book's edit document before the user has decided anything. */
export function emptyEditDoc(library: string, bookId: string): EditDoc {
  return {
    _id: editDocId(library, bookId),
    type: 'edit',
    v: EDIT_DOC_VERSION,
    library,
    book: `book:${library}:${bookId}`,
    fields: {},
    updatedAt: '',
  };
}

export const editDocType = defineDocumentType({
  type: 'edit',
  version: EDIT_DOC_VERSION,
  schema: editDocSchema,
});

export function readEditDoc(raw: unknown): EditDoc | undefined {
  return editDocType.read(raw);
}
