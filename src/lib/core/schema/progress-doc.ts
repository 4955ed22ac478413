import { z } from 'zod';
import { defineDocumentType } from './document-type';

export const PROGRESS_DOC_VERSION = 1;

/** A device id as the browser draws it: letters, digits, `-` and `_` (no `:`, which ends the id). */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Where one device last was in one book, for one user (their own database).
 * One document per book and device, so two devices never write the same one
 * and never conflict; the latest of them is where to continue (see
 * reading-state.ts).
 */
export const progressDocSchema = z
  .object({
    _id: z.string().startsWith('progress:'),
    _rev: z.string().optional(),
    type: z.literal('progress'),
    v: z.literal(PROGRESS_DOC_VERSION),
    /** The book document's id (`book:<library>:<id>`): it stays through renames and rescans. */
    book: z.string().startsWith('book:').max(200),
    /** The reader's own position: an EPUB CFI, or `page:N` for PDFs and comics. */
    locator: z.string().max(4096),
    /** How far through the book, 0..1. */
    percentage: z.number().min(0).max(1),
    device: deviceIdSchema,
    /** What the user calls the device ("Firefox on Linux"), shown as "continue from …". */
    deviceName: z.string().max(100),
    updatedAt: z.iso.datetime(),
  })
  .refine((doc) => doc._id === progressDocId(doc.book, doc.device), {
    message: 'The id must be progress:<book>:<device>.',
    path: ['_id'],
  });
export type ProgressDoc = z.infer<typeof progressDocSchema>;

export function progressDocId(book: string, device: string): string {
  return `progress:${book}:${device}`;
}

/** What a reader reported, on one device, at one moment. */
export interface PositionFacts {
  book: string;
  locator: string;
  percentage: number;
  device: string;
  deviceName: string;
  at: Date;
}

export function progressDoc(facts: PositionFacts): ProgressDoc {
  return {
    _id: progressDocId(facts.book, facts.device),
    type: 'progress',
    v: PROGRESS_DOC_VERSION,
    book: facts.book,
    locator: facts.locator,
    // A reader may round past the ends (1.0000001): kept within what the schema accepts.
    percentage: Math.min(1, Math.max(0, Number.isFinite(facts.percentage) ? facts.percentage : 0)),
    device: facts.device,
    deviceName: facts.deviceName.slice(0, 100),
    updatedAt: facts.at.toISOString(),
  };
}

/** The book a position's id names (`progress:<book>:<device>`; the device id has no `:`). */
export function bookOfProgressId(id: string): string {
  return id.slice('progress:'.length, id.lastIndexOf(':'));
}

/** The id range of one book's positions, for `allDocs({ startkey, endkey })`. */
export function progressIdRange(book: string): { startkey: string; endkey: string } {
  const prefix = `progress:${book}:`;
  return { startkey: prefix, endkey: `${prefix}\ufff0` };
}

export const progressDocType = defineDocumentType({
  type: 'progress',
  version: PROGRESS_DOC_VERSION,
  schema: progressDocSchema,
});

export function readProgressDoc(raw: unknown): ProgressDoc | undefined {
  return progressDocType.read(raw);
}
