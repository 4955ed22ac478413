import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { deviceIdSchema } from './progress-doc';

export const READING_STATUS_DOC_VERSION = 1;

export const READING_STATUSES = ['unread', 'reading', 'finished'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];

/**
 * What one user says of one book: not read yet, being read, finished. One
 * document per book in the user's own database; two devices that set it
 * while apart make a conflict, which resolveStatus settles the same way
 * everywhere (the latest setting wins).
 */
export const readingStatusDocSchema = z
  .object({
    _id: z.string().startsWith('reading-status:'),
    _rev: z.string().optional(),
    type: z.literal('reading-status'),
    v: z.literal(READING_STATUS_DOC_VERSION),
    book: z.string().startsWith('book:').max(200),
    status: z.enum(READING_STATUSES),
    setAt: z.iso.datetime(),
    /** The device that set it: the tie-break between two settings of the same instant. */
    device: deviceIdSchema,
  })
  .refine((doc) => doc._id === readingStatusDocId(doc.book), {
    message: 'The id must be reading-status:<book>.',
    path: ['_id'],
  });
export type ReadingStatusDoc = z.infer<typeof readingStatusDocSchema>;

export function readingStatusDocId(book: string): string {
  return `reading-status:${book}`;
}

/** The book a status document's id names. */
export function bookOfStatusId(id: string): string {
  return id.slice('reading-status:'.length);
}

export function readingStatusDoc(
  book: string,
  status: ReadingStatus,
  device: string,
  setAt: Date,
): ReadingStatusDoc {
  return {
    _id: readingStatusDocId(book),
    type: 'reading-status',
    v: READING_STATUS_DOC_VERSION,
    book,
    status,
    setAt: setAt.toISOString(),
    device,
  };
}

export const readingStatusDocType = defineDocumentType({
  type: 'reading-status',
  version: READING_STATUS_DOC_VERSION,
  schema: readingStatusDocSchema,
});

export function readReadingStatusDoc(raw: unknown): ReadingStatusDoc | undefined {
  return readingStatusDocType.read(raw);
}
