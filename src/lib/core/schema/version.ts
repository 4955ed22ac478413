import { z } from 'zod';

/**
 * The version of the catalog's document schema as a whole: raised whenever a
 * document type's version is (see document-type.ts) or a type is added to
 * the catalog. A user database's kinds (user-documents.ts) are not counted
 * here: the agent checks each of those documents as it is written, and a
 * device keeps one written by newer code unread (DocumentType.isNewer). The
 * agent writes it into the catalog; a browser that finds a newer one than it
 * knows asks the user to reload for the new app instead of misreading
 * documents, and rebuilds its read model once updated (see Bridge).
 *
 * 2: Calibre documents (calibre-doc.ts), the "calibre" source and cover
 * source, and the rating field.
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA_DOC_ID = 'colophon:schema';

export const schemaDocSchema = z.object({
  _id: z.literal(SCHEMA_DOC_ID),
  _rev: z.string().optional(),
  type: z.literal('schema'),
  version: z.number().int().positive(),
  /** The library (agent) that owns this catalog. */
  library: z.string(),
});
export type SchemaDoc = z.infer<typeof schemaDocSchema>;

export function schemaDoc(library: string): SchemaDoc {
  return { _id: SCHEMA_DOC_ID, type: 'schema', version: SCHEMA_VERSION, library };
}

/** True when documents from a replica at `remote` version can be read by this code. */
export function canRead(remote: number): boolean {
  return remote <= SCHEMA_VERSION;
}
