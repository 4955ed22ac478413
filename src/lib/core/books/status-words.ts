import type { BookStatus } from '../schema/book-doc';

/**
 * What a book's file status is called wherever a person reads it: one word
 * for a file that could not be read ("Unreadable") across filters, badges,
 * the dashboard and the scan reports, never the stored code.
 */
export const STATUS_WORDS: Record<BookStatus, string> = {
  ok: 'Readable',
  corrupted: 'Unreadable',
  missing: 'Missing file',
};

/** The word for a status code; an unknown code (a newer agent) shows as it is. */
export function statusWord(status: string): string {
  return (STATUS_WORDS as Record<string, string>)[status] ?? status;
}
