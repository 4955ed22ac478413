import { z } from 'zod';

/** Where a cover came from; the user's upload and the outside sources join in #5. */
export const COVER_SOURCES = [
  'embedded',
  'openlibrary',
  'googlebooks',
  'comicvine',
  'upload',
] as const;
export type CoverSource = (typeof COVER_SOURCES)[number];

/** The small thumbnail replicated with the cover document, so covers show offline. */
export const SMALL_COVER_ATTACHMENT = 'small.webp';

const sizeSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/**
 * One cover of one book. The small thumbnail travels as an attachment; the
 * medium one is fetched from the agent by hash (content-addressed) when online.
 */
export const coverDocSchema = z.object({
  _id: z.string().startsWith('cover:'),
  _rev: z.string().optional(),
  type: z.literal('cover'),
  v: z.literal(1),
  library: z.string(),
  /** The book document this cover belongs to. */
  book: z.string().startsWith('book:'),
  source: z.enum(COVER_SOURCES),
  /** SHA-256 of the original image: the name of its thumbnails on the agent. */
  hash: z.string(),
  original: sizeSchema,
  small: sizeSchema,
  medium: sizeSchema,
});
export type CoverDoc = z.infer<typeof coverDocSchema>;

export function coverDocId(library: string, bookId: string, source: CoverSource): string {
  return `cover:${library}:${bookId}:${source}`;
}

export function readCoverDoc(raw: unknown): CoverDoc | undefined {
  const parsed = coverDocSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
