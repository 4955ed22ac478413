import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { deviceIdSchema } from './progress-doc';
import { couchFields } from './couch-fields';

export const SHELF_DOC_VERSION = 1 as const;

/** The longest shelf name: it has to fit a menu line and an e-reader's list. */
export const MAX_SHELF_NAME = 100;
/** The longest description. */
export const MAX_SHELF_DESCRIPTION = 1000;
/** The most books on one manual shelf (10,000 ids keep the document under 800 KiB). */
export const MAX_SHELF_BOOKS = 10_000;
/** The most shelves one user keeps; the agent refuses more. */
export const MAX_SHELVES = 500;
/** The longest saved query of a smart shelf. */
export const MAX_SHELF_QUERY = 1000;
/** The largest shelf document, in bytes of JSON: 10,000 book ids of up to 64 characters and the rest. */
export const MAX_SHELF_BYTES = 800 * 1024;

const bookIdSchema = z.string().regex(/^book:\S{1,59}$/, 'Each book must be a book id (book:…).');

const shared = {
  _id: z
    .string()
    .regex(/^shelf:[0-9a-z]{8,32}$/, 'The id must be shelf:<8 to 32 letters or digits>.'),
  ...couchFields,
  type: z.literal('shelf'),
  v: z.literal(SHELF_DOC_VERSION),
  name: z
    .string()
    .min(1, 'A shelf needs a name.')
    .max(MAX_SHELF_NAME, `A shelf name may be at most ${MAX_SHELF_NAME} characters.`)
    .refine((name) => name === name.trim(), 'The name must have no spaces at its ends.'),
  description: z
    .string()
    .max(MAX_SHELF_DESCRIPTION, `A description may be at most ${MAX_SHELF_DESCRIPTION} characters.`)
    .optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The device that last changed it. */
  device: deviceIdSchema,
};

const manualShelfSchema = z.strictObject({
  ...shared,
  kind: z.literal('manual'),
  /** The books, in the order the reader put them. */
  books: z
    .array(bookIdSchema)
    .max(MAX_SHELF_BOOKS, `A shelf holds at most ${MAX_SHELF_BOOKS} books.`)
    .refine((books) => new Set(books).size === books.length, 'A book is on a shelf only once.'),
});

const smartShelfSchema = z.strictObject({
  ...shared,
  kind: z.literal('smart'),
  /** A search in the app's query language: the shelf holds whatever matches it now. */
  query: z
    .string()
    .max(MAX_SHELF_QUERY, `A smart shelf's search may be at most ${MAX_SHELF_QUERY} characters.`)
    .refine((query) => query.trim() !== '', 'A smart shelf needs a search.'),
});

/**
 * A shelf of one user's, in their own database: a manual one lists books in
 * the reader's order; a smart one keeps a search and holds whatever in the
 * catalog matches it, as the catalog changes. One document per shelf, its id
 * random, so shelves made on two devices apart never meet; two devices that
 * change the same shelf apart make a conflict, settled the same way
 * everywhere (CouchDB's winning revision).
 */
export const shelfDocSchema = z.discriminatedUnion('kind', [manualShelfSchema, smartShelfSchema]);
export type ShelfDoc = z.infer<typeof shelfDocSchema>;
export type ManualShelfDoc = z.infer<typeof manualShelfSchema>;
export type SmartShelfDoc = z.infer<typeof smartShelfSchema>;

export const shelfDocType = defineDocumentType({
  type: 'shelf',
  version: SHELF_DOC_VERSION,
  schema: shelfDocSchema,
});

export function readShelfDoc(raw: unknown): ShelfDoc | undefined {
  return shelfDocType.read(raw);
}

export const SHELF_PREFIX = 'shelf:';

/** The key of a shelf (what its address shows) from its document id, and back. */
export function shelfKey(id: string): string {
  return id.slice(SHELF_PREFIX.length);
}

export function shelfDocId(key: string): string {
  return `${SHELF_PREFIX}${key}`;
}

/** A shelf name as kept: spaces collapsed, ends trimmed. */
export function normaliseShelfName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

interface NewShelf {
  key: string;
  name: string;
  device: string;
  at: Date;
  description?: string;
}

export function manualShelfDoc(shelf: NewShelf, books: readonly string[] = []): ManualShelfDoc {
  return {
    ...base(shelf),
    kind: 'manual',
    books: [...new Set(books)],
  };
}

export function smartShelfDoc(shelf: NewShelf, query: string): SmartShelfDoc {
  return { ...base(shelf), kind: 'smart', query: query.trim() };
}

function base(shelf: NewShelf) {
  const description = shelf.description?.trim();
  return {
    _id: shelfDocId(shelf.key),
    type: 'shelf' as const,
    v: SHELF_DOC_VERSION,
    name: normaliseShelfName(shelf.name),
    ...(description ? { description } : {}),
    createdAt: shelf.at.toISOString(),
    updatedAt: shelf.at.toISOString(),
    device: shelf.device,
  };
}

/** Why a name will not do as a shelf's, or undefined when it will. */
export function shelfNameProblem(name: string): string | undefined {
  const kept = normaliseShelfName(name);
  if (!kept) return 'Give the shelf a name.';
  if (kept.length > MAX_SHELF_NAME)
    return `A shelf name may be at most ${MAX_SHELF_NAME} characters (this one has ${kept.length}).`;
  return undefined;
}
