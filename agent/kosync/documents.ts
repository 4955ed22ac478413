import { resolveInsideRoot } from '../files/safe-path';
import type { FileIndex, RootedFileRow } from '../scan/file-index';
import type { BookFileAt } from './book-positions';
import { fileNameMd5 } from './document-digest';
import type { SentPositions } from './sent-positions';

/** How a KOReader document id was matched to a book. */
export type MatchedBy = 'content' | 'file-name' | 'earlier-sync';

export interface DocumentMatch {
  bookId: string;
  matchedBy: MatchedBy;
  file: BookFileAt;
}

const HEX_MD5 = /^[0-9a-f]{32}$/;

async function located(row: RootedFileRow): Promise<BookFileAt> {
  if (row.status === 'missing') return { format: row.format };
  try {
    return { format: row.format, path: await resolveInsideRoot(row.root, row.rel_path) };
  } catch {
    // Gone since the scan: the book is still the book, its file cannot be read.
    return { format: row.format };
  }
}

/**
 * The book a KOReader document id names: a file's partial MD5 (KOReader's
 * default), else the MD5 of a file's name (its "Filename" matching), else
 * the name KOReader sent in `metadata.filename` (its "Send document
 * metadata" option), else the book an earlier sync of this document was
 * matched to (a GET carries no metadata).
 */
export async function matchDocument(
  files: FileIndex,
  sent: SentPositions,
  userId: string,
  document: string,
  fileName?: string,
): Promise<DocumentMatch | undefined> {
  const digest = document.toLowerCase();
  const byContent = HEX_MD5.test(digest) ? files.byPartialMd5(digest) : undefined;
  if (byContent)
    return { bookId: byContent.book_id, matchedBy: 'content', file: await located(byContent) };
  const byName =
    (HEX_MD5.test(digest) ? files.byNameMd5(digest) : undefined) ??
    (fileName ? files.byNameMd5(fileNameMd5(fileName)) : undefined);
  if (byName)
    return { bookId: byName.book_id, matchedBy: 'file-name', file: await located(byName) };
  const earlier = sent.latest(userId, document);
  if (!earlier?.bookId) return undefined;
  const rows = files.filesOfBook(earlier.bookId);
  const row = rows.find((r) => r.format === earlier.format) ?? rows[0];
  return row && { bookId: row.book_id, matchedBy: 'earlier-sync', file: await located(row) };
}
