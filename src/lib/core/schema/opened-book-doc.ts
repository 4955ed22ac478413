import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { deviceIdSchema } from './progress-doc';
import { couchFields } from './couch-fields';

export const OPENED_BOOK_DOC_VERSION = 1;

/** How many opened books a device keeps; it deletes older ones past this. */
export const OPENED_BOOKS_KEPT = 50;
/** How many the agent stores at most (devices apart each add theirs before pruning). */
export const OPENED_BOOKS_STORED = 200;

/**
 * That the user opened a book's page, and when: with reading positions, what
 * makes a book "opened recently", which search ranks a little higher among
 * equal matches. One document per book (two devices opening the same book
 * write the same one; either time is right), pruned to OPENED_BOOKS_KEPT.
 */
export const openedBookDocSchema = z
  .strictObject({
    _id: z.string().startsWith('opened:'),
    ...couchFields,
    type: z.literal('opened-book'),
    v: z.literal(OPENED_BOOK_DOC_VERSION),
    book: z.string().startsWith('book:').max(200),
    at: z.iso.datetime(),
    device: deviceIdSchema,
  })
  .refine((doc) => doc._id === openedBookDocId(doc.book), {
    message: 'The id must be opened:<book>.',
    path: ['_id'],
  });
export type OpenedBookDoc = z.infer<typeof openedBookDocSchema>;

export function openedBookDocId(book: string): string {
  return `opened:${book}`;
}

export function openedBookDoc(book: string, device: string, at: Date): OpenedBookDoc {
  return {
    _id: openedBookDocId(book),
    type: 'opened-book',
    v: OPENED_BOOK_DOC_VERSION,
    book,
    at: at.toISOString(),
    device,
  };
}

export const openedBookDocType = defineDocumentType({
  type: 'opened-book',
  version: OPENED_BOOK_DOC_VERSION,
  schema: openedBookDocSchema,
});

export function readOpenedBookDoc(raw: unknown): OpenedBookDoc | undefined {
  return openedBookDocType.read(raw);
}
