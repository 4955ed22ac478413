import { z } from 'zod';
import { BOOK_FORMATS } from '../formats/types';
import { fieldCandidateSchema } from '../metadata/schema';

/**
 * A book's facts as replicated: the file (where, how big, when seen), whether
 * it could be read, and what its parser found. Everything shown is derived
 * from this (see book-view.ts); nothing derived is stored here.
 */
export const BOOK_DOC_VERSION = 1;

export const BOOK_STATUSES = ['ok', 'corrupted', 'missing'] as const;
export type BookStatus = (typeof BOOK_STATUSES)[number];

const coverRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entry'), path: z.string(), mediaType: z.string().optional() }),
  z.object({ kind: z.literal('record'), index: z.number().int() }),
  z.object({ kind: z.literal('page'), page: z.number().int() }),
]);

export const extractionSchema = z.object({
  format: z.enum(BOOK_FORMATS),
  candidates: z.array(fieldCandidateSchema),
  cover: coverRefSchema.optional(),
  flags: z.object({ drm: z.boolean().optional(), encrypted: z.boolean().optional() }),
  warnings: z.array(z.string()),
});

export const bookDocSchema = z.object({
  _id: z.string().startsWith('book:'),
  _rev: z.string().optional(),
  type: z.literal('book'),
  v: z.literal(BOOK_DOC_VERSION),
  /** The library (an agent id, or `local` for a folder picked in the browser). */
  library: z.string(),
  /** The folder id within the library; its root path is in the folder document. */
  folder: z.string(),
  /** Path below the folder root, `/`-separated. */
  path: z.string(),
  format: z.enum(BOOK_FORMATS),
  size: z.number().nonnegative(),
  mtimeMs: z.number(),
  addedAt: z.string(),
  scannedAt: z.string(),
  status: z.enum(BOOK_STATUSES),
  problem: z.object({ code: z.string(), message: z.string() }).optional(),
  extraction: extractionSchema.optional(),
});
export type BookDoc = z.infer<typeof bookDocSchema>;

export function bookDocId(library: string, bookId: string): string {
  return `book:${library}:${bookId}`;
}

export function isBookDocId(id: string): boolean {
  return id.startsWith('book:');
}

/**
 * Reads a document of any earlier version as the current one; undefined when
 * it is not a valid book document (it is then ignored, not shown half-read).
 */
export function readBookDoc(raw: unknown): BookDoc | undefined {
  const parsed = bookDocSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
