import { z } from 'zod';
import type { MergeCandidate } from '../merge/sources';
import { mergeCandidateSchema } from '../metadata/schema';
import { defineDocumentType } from './document-type';

export const CALIBRE_DOC_VERSION = 1;

/**
 * What a Calibre library the user curated says about one cataloged file:
 * the Calibre book's values as merge candidates of the source "calibre",
 * and which Calibre book they are. One per file: a Calibre book with an EPUB
 * and a MOBI gives each file the same values. An import writes it, a later
 * import replaces it; the user's own edits live apart (edit-doc.ts) and
 * still win.
 */
export const calibreDocSchema = z.object({
  _id: z.string().startsWith('calibre:'),
  _rev: z.string().optional(),
  type: z.literal('calibre'),
  v: z.literal(CALIBRE_DOC_VERSION),
  library: z.string(),
  book: z.string().startsWith('book:'),
  /** The library folder the Calibre library is (or is in). */
  folder: z.string(),
  /** Calibre's own id of the library (metadata.db's library_id): two in one folder keep apart. */
  calibreLibrary: z.string(),
  /** The book's id in Calibre's metadata.db, and its uuid there. */
  calibreId: z.number().int().positive(),
  uuid: z.string().optional(),
  /** Every format Calibre has of this book ("EPUB", "MOBI", …); this file is one of them. */
  formats: z.array(z.string()),
  importedAt: z.string(),
  candidates: z.array(
    mergeCandidateSchema.refine(
      (c: MergeCandidate) => c.origin === 'calibre',
      'A Calibre value has the origin "calibre".',
    ),
  ),
});
export type CalibreDoc = z.infer<typeof calibreDocSchema>;

export function calibreDocId(library: string, bookId: string): string {
  return `calibre:${library}:${bookId}`;
}

/** What an import knows of one file's Calibre book. */
export interface CalibreFacts {
  library: string;
  bookId: string;
  folder: string;
  calibreLibrary: string;
  calibreId: number;
  uuid?: string | undefined;
  formats: string[];
  importedAt: string;
  candidates: MergeCandidate[];
}

export function calibreDoc(facts: CalibreFacts): CalibreDoc {
  return {
    _id: calibreDocId(facts.library, facts.bookId),
    type: 'calibre',
    v: CALIBRE_DOC_VERSION,
    library: facts.library,
    book: `book:${facts.library}:${facts.bookId}`,
    folder: facts.folder,
    calibreLibrary: facts.calibreLibrary,
    calibreId: facts.calibreId,
    ...(facts.uuid ? { uuid: facts.uuid } : {}),
    formats: facts.formats,
    importedAt: facts.importedAt,
    candidates: facts.candidates,
  };
}

export const calibreDocType = defineDocumentType({
  type: 'calibre',
  version: CALIBRE_DOC_VERSION,
  schema: calibreDocSchema,
});

export function readCalibreDoc(raw: unknown): CalibreDoc | undefined {
  return calibreDocType.read(raw);
}
