import { z } from 'zod';
import { coverQualitySchema, type CoverQuality } from '../images/cover-quality';
import { defineDocumentType } from './document-type';

/** Where a cover came from; the user's upload and the outside sources join in #5. */
export const COVER_SOURCES = [
  'embedded',
  'openlibrary',
  'googlebooks',
  'comicvine',
  'calibre',
  'upload',
] as const;
export type CoverSource = (typeof COVER_SOURCES)[number];

/** The small thumbnail replicated with the cover document, so covers show offline. */
export const SMALL_COVER_ATTACHMENT = 'small.webp';

const sizeSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const COVER_DOC_VERSION = 1;

/**
 * One cover of one book. The small thumbnail travels as an attachment; the
 * medium one is fetched from the agent by hash (content-addressed) when online.
 */
export const coverDocSchema = z.object({
  _id: z.string().startsWith('cover:'),
  _rev: z.string().optional(),
  type: z.literal('cover'),
  v: z.literal(COVER_DOC_VERSION),
  library: z.string(),
  /** The book document this cover belongs to. */
  book: z.string().startsWith('book:'),
  source: z.enum(COVER_SOURCES),
  /** SHA-256 of the original image: the name of its thumbnails on the agent. */
  hash: z.string(),
  original: sizeSchema,
  small: sizeSchema,
  medium: sizeSchema,
  /** Absent on covers made before originals were kept. */
  quality: coverQualitySchema.optional(),
});
export type CoverDoc = z.infer<typeof coverDocSchema>;

export function coverDocId(library: string, bookId: string, source: CoverSource): string {
  return `cover:${library}:${bookId}:${source}`;
}

/** What a cover document says, whoever made the thumbnails (the agent, or a browser). */
export interface CoverFacts {
  library: string;
  bookId: string;
  source: CoverSource;
  hash: string;
  original: CoverDoc['original'];
  small: CoverDoc['small'];
  medium: CoverDoc['medium'];
  quality?: CoverQuality;
}

/**
 * The cover document of one book from one source. One per source: a new
 * download or upload replaces it, while the thumbnails it pointed at stay in
 * the content-addressed store. Its host attaches the small thumbnail.
 */
export function coverDoc(facts: CoverFacts): CoverDoc {
  return {
    _id: coverDocId(facts.library, facts.bookId, facts.source),
    type: 'cover',
    v: COVER_DOC_VERSION,
    library: facts.library,
    book: `book:${facts.library}:${facts.bookId}`,
    source: facts.source,
    hash: facts.hash,
    original: facts.original,
    small: facts.small,
    medium: facts.medium,
    ...(facts.quality && { quality: facts.quality }),
  };
}

export const coverDocType = defineDocumentType({
  type: 'cover',
  version: COVER_DOC_VERSION,
  schema: coverDocSchema,
});

export function readCoverDoc(raw: unknown): CoverDoc | undefined {
  return coverDocType.read(raw);
}
