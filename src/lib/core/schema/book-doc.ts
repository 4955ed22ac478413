import { z } from 'zod';
import { defineDocumentType } from './document-type';
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
  /** This file is another format of that book (its document id): the catalog shows only that one. */
  formatOf: z.string().startsWith('book:').optional(),
  /** This book's other formats (document ids), grouped by an admin (agent/formats). */
  formats: z
    .array(z.object({ id: z.string().startsWith('book:'), format: z.enum(BOOK_FORMATS) }))
    .optional(),
});
export type BookDoc = z.infer<typeof bookDocSchema>;

export function bookDocId(library: string, bookId: string): string {
  return `book:${library}:${bookId}`;
}

/** What a scan knows of one file, in either host's file index. */
export interface BookFacts {
  library: string;
  bookId: string;
  folderId: string;
  path: string;
  format: BookDoc['format'];
  size: number;
  mtimeMs: number;
  /** Epoch milliseconds. */
  addedAt: number;
  scannedAt: number;
  status: BookStatus;
  problem?: { code: string; message: string } | undefined;
  extraction?: BookDoc['extraction'] | undefined;
}

/** The one place a scanned file (plus what its parser found) becomes a book document. */
export function bookDoc(facts: BookFacts): BookDoc {
  return {
    _id: bookDocId(facts.library, facts.bookId),
    type: 'book',
    v: BOOK_DOC_VERSION,
    library: facts.library,
    folder: facts.folderId,
    path: facts.path,
    format: facts.format,
    size: facts.size,
    mtimeMs: facts.mtimeMs,
    addedAt: new Date(facts.addedAt).toISOString(),
    scannedAt: new Date(facts.scannedAt).toISOString(),
    status: facts.status,
    ...(facts.problem ? { problem: facts.problem } : {}),
    ...(facts.extraction ? { extraction: facts.extraction } : {}),
  };
}

export function isBookDocId(id: string): boolean {
  return id.startsWith('book:');
}

export const bookDocType = defineDocumentType({
  type: 'book',
  version: BOOK_DOC_VERSION,
  schema: bookDocSchema,
});

/**
 * Reads a document of any earlier version as the current one (see
 * document-type.ts); undefined when it is not a valid book document (it is
 * then ignored, not shown half-read) or was written by newer code.
 */
export function readBookDoc(raw: unknown): BookDoc | undefined {
  return bookDocType.read(raw);
}
