import { z } from 'zod';
import { KosyncError } from './kosync-errors';
import type { MatchedBy } from './documents';
import type { Translation } from './book-positions';

/**
 * KOReader sync's wire format, as kosync.koplugin sends it (api.json,
 * KOSyncClient.lua update_progress) and the official server reads it
 * (syncs_controller.lua): `progress` is a string (tostring of an xpointer
 * or a page number), `percentage` a number (tonumber of anything), `device`
 * required, `device_id` not; `metadata` only with "Send document metadata".
 */
const numberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/)
    .transform(Number),
]);

export const progressPutSchema = z.object({
  progress: z.union([z.string().max(4096), z.number().transform(String)]),
  percentage: numberLike.pipe(z.number().finite()),
  device: z.string().max(200),
  device_id: z.string().max(200).optional(),
  metadata: z
    .object({ filename: z.string().max(1024).optional() })
    .loose()
    .optional(),
});
export type ProgressPut = z.infer<typeof progressPutSchema>;

/** A document id as the official server takes one: not empty, no ':' (its key separator). */
export function documentOf(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.includes(':') || value.length > 200)
    throw new KosyncError('document-missing');
  return value;
}

export function readProgressPut(body: unknown): ProgressPut {
  const read = progressPutSchema.safeParse(body);
  if (!read.success) throw new KosyncError('invalid-request');
  return read.data;
}

/** What Colophon adds to its answers (KOReader ignores fields it does not know). */
export interface ColophonNote {
  /** The book the document is (`book:<library>:<id>`), or null for none in the library. */
  book: string | null;
  matchedBy: MatchedBy | null;
  /** How the position crossed (see Translation). */
  position: Translation;
}

export interface PutAnswer {
  document: string;
  /** Seconds since the epoch, as the official server gives them. */
  timestamp: number;
  colophon: ColophonNote;
}

export interface GetAnswer {
  document?: string;
  percentage?: number;
  progress?: string;
  device?: string;
  device_id?: string;
  timestamp?: number;
  colophon: ColophonNote;
}
