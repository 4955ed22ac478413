import { z } from 'zod';

/**
 * The underscore fields replication and PouchDB add to a document, for
 * schemas that refuse every other unknown field (strict ones: a small
 * document type cannot be used to smuggle in bulk data).
 */
export const couchFields = {
  _rev: z.string().max(200).optional(),
  _revisions: z.object({ start: z.number(), ids: z.array(z.string().max(200)) }).optional(),
  _conflicts: z.array(z.string().max(200)).optional(),
};
