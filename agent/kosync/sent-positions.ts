import type { BookFormat } from '#core/formats/types';
import type { Db } from '../db/sqlite';

/** What one KOReader device last sent for one document, as it sent it. */
export interface SentPosition {
  userId: string;
  document: string;
  deviceId: string;
  /** The device's name as KOReader sent it (`device`). */
  device: string;
  /** KOReader's own position: an xpointer, or a page number. */
  progress: string;
  percentage: number;
  /** The book the document is, and the format of its file, when it is one in the library. */
  bookId?: string;
  format?: BookFormat;
  /** ISO 8601: the progress document written with it has this `updatedAt`. */
  writtenAt: string;
}

interface Row {
  user_id: string;
  document: string;
  device_id: string;
  device: string;
  progress: string;
  percentage: number;
  book_id: string | null;
  format: BookFormat | null;
  written_at: string;
}

const toSent = (row: Row): SentPosition => ({
  userId: row.user_id,
  document: row.document,
  deviceId: row.device_id,
  device: row.device,
  progress: row.progress,
  percentage: row.percentage,
  ...(row.book_id === null ? {} : { bookId: row.book_id }),
  ...(row.format === null ? {} : { format: row.format }),
  writtenAt: row.written_at,
});

/**
 * The kosync_positions table. For a book in the library the user's progress
 * documents are the record; this keeps KOReader's own words beside them, so
 * the device that wrote the latest position gets it back exactly. For a
 * document of no cataloged book it is the only record.
 */
export class SentPositions {
  constructor(private readonly db: Db) {}

  save(sent: SentPosition): void {
    this.db
      .prepare(
        `INSERT INTO kosync_positions (user_id, document, device_id, device, progress, percentage,
           book_id, format, written_at)
         VALUES (@userId, @document, @deviceId, @device, @progress, @percentage, @bookId, @format, @writtenAt)
         ON CONFLICT (user_id, document, device_id) DO UPDATE SET device = excluded.device,
           progress = excluded.progress, percentage = excluded.percentage, book_id = excluded.book_id,
           format = excluded.format, written_at = excluded.written_at`,
      )
      .run({ bookId: null, format: null, ...sent });
  }

  /** The latest any device sent for a document. */
  latest(userId: string, document: string): SentPosition | undefined {
    const row = this.db
      .prepare<[string, string], Row>(
        `SELECT * FROM kosync_positions WHERE user_id = ? AND document = ?
         ORDER BY written_at DESC, device_id DESC LIMIT 1`,
      )
      .get(userId, document);
    return row && toSent(row);
  }

  /** What a device sent that became the book's progress document written at `writtenAt`. */
  behind(
    userId: string,
    bookId: string,
    deviceId: string,
    writtenAt: string,
  ): SentPosition | undefined {
    const row = this.db
      .prepare<[string, string, string, string], Row>(
        `SELECT * FROM kosync_positions
         WHERE user_id = ? AND book_id = ? AND device_id = ? AND written_at = ? LIMIT 1`,
      )
      .get(userId, bookId, deviceId, writtenAt);
    return row && toSent(row);
  }
}
