import { z } from 'zod';
import { COVER_IMAGE_TYPES } from '../images/cover-image-types';
import { FIELDS } from '../merge/field-kinds';
import { SOURCE_IDS } from '../merge/sources';
import type { DataSource } from '../merge/trust';
import type { TrustChange } from '../merge/trust-adjust';
import type { MetadataField } from '../metadata/types';
import { jobSchema } from './jobs';
import { idNumberText } from './request-input';
import { route } from './route';

const dataSourceSchema: z.ZodType<DataSource> = z.object({
  id: z.enum(SOURCE_IDS),
  trust: z.number(),
  enabled: z.boolean(),
  priority: z.number(),
  probation: z.union([z.literal(false), z.object({ until: z.string().optional() })]),
  stats: z.object({
    requests: z.number(),
    failures: z.number(),
    accepted: z.number(),
    overridden: z.number(),
  }),
});

/** A source as /data-sources shows it: the replicated document, and how the service is doing. */
export const sourceListingSchema = z.intersection(
  dataSourceSchema,
  z.object({
    health: z
      .object({
        circuit: z.enum(['closed', 'open', 'half-open']),
        /** While open: when the next request may probe the source again. */
        openUntil: z.string().optional(),
        requests: z.number(),
        failures: z.number(),
        rejected: z.number(),
        cacheHits: z.number(),
        lastError: z.object({ kind: z.string(), message: z.string(), at: z.string() }).optional(),
        lastSuccess: z.string().optional(),
      })
      .optional(),
  }),
);
export type SourceListing = z.infer<typeof sourceListingSchema>;

/** What the user may change about a source on /data-sources. */
export const sourceChangeSchema = z
  .strictObject({
    trust: z.number().min(0).max(1).optional(),
    enabled: z.boolean().optional(),
    priority: z.number().int().min(-1000).max(1000).optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'Give trust, enabled or priority.');
export type SourceChange = z.infer<typeof sourceChangeSchema>;

const trustChangeSchema: z.ZodType<TrustChange> = z.object({
  source: z.enum(SOURCE_IDS),
  field: z.enum(FIELDS as [MetadataField, ...MetadataField[]]),
  before: z.number(),
  after: z.number(),
  reason: z.enum(['agreed-with-user', 'overridden-by-user']),
});

const done = z.object({ ok: z.literal(true) });

/** One change of the user's to a book, as its history lists it. */
export const editEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Who made it, by user name (absent for a command-line change or a removed user). */
  by: z.string().optional(),
  /** A metadata field, or `cover`. */
  field: z.string(),
  action: z.enum(['set', 'clear']),
  before: z.unknown(),
  after: z.unknown(),
  /** The newest change to its field: the one that can be put back. */
  inForce: z.boolean(),
  /** The device it was made on, for a change that came from a device's own database. */
  device: z.string().optional(),
  /** Made apart on another device and beaten by a later change: kept, never in force. */
  lost: z.boolean().optional(),
});
export type EditEntryListing = z.infer<typeof editEntrySchema>;
const NAME_THE_COVER = 'Name the cover: { "cover": "cover:…" }.';
const seriesChange = {
  body: z.object({ from: z.string(), into: z.string() }),
  /** How many books changed. */
  response: z.object({ books: z.number().int() }),
};

/**
 * Sources, lookups, the user's field and cover edits and series changes.
 * Readers may look at the sources; every change is an admin's.
 */
export const METADATA = {
  sources: route({ method: 'GET', path: '/api/sources', response: z.array(sourceListingSchema) }),
  changeSource: route({
    method: 'PUT',
    path: '/api/sources/:id',
    body: sourceChangeSchema,
    response: sourceListingSchema,
  }),
  /** Asks the sources about one book now: the lookup job (202). */
  lookup: route({ method: 'POST', path: '/api/books/:bookId/lookup', response: jobSchema }),
  /** The user's own value for a field; its shape is the field's (checked by the agent). */
  setField: route({
    method: 'PUT',
    path: '/api/books/:bookId/fields/:field',
    body: z.object({ value: z.unknown() }),
    response: z.object({ ok: z.literal(true), trustChanges: z.array(trustChangeSchema) }),
  }),
  /** Back to the automatic value. */
  clearField: route({
    method: 'DELETE',
    path: '/api/books/:bookId/fields/:field',
    response: done,
  }),
  chooseCover: route({
    method: 'PUT',
    path: '/api/books/:bookId/cover',
    body: z.object({
      cover: z.string({ error: NAME_THE_COVER }).startsWith('cover:', NAME_THE_COVER),
    }),
    response: done,
  }),
  /** Back to the automatic cover. */
  automaticCover: route({ method: 'DELETE', path: '/api/books/:bookId/cover', response: done }),
  /** An image file as the body; answers the new cover document's id (201). */
  uploadCover: route({
    method: 'POST',
    path: '/api/books/:bookId/covers',
    upload: COVER_IMAGE_TYPES,
    response: z.object({ id: z.string() }),
  }),
  /** The user's changes to a book, newest first (admins: it says who changed what). */
  history: route({
    method: 'GET',
    path: '/api/books/:bookId/history',
    response: z.array(editEntrySchema),
  }),
  /** Puts a field back as it was before a change (the newest change to that field). */
  revertEdit: route({
    method: 'POST',
    path: '/api/books/:bookId/history/:id/revert',
    params: z.object({ bookId: z.string(), id: idNumberText }),
    response: done,
  }),
  renameSeries: route({ method: 'POST', path: '/api/series/rename', ...seriesChange }),
  mergeSeries: route({ method: 'POST', path: '/api/series/merge', ...seriesChange }),
};
