import { createHash } from 'node:crypto';
import { latestPosition } from '#core/reading/reading-state';
import { recordPosition } from '#core/reading/record-position';
import { bookDocId } from '#core/schema/book-doc';
import {
  deviceIdSchema,
  progressDoc,
  progressIdRange,
  readProgressDoc,
  type ProgressDoc,
} from '#core/schema/progress-doc';
import type { User } from '../auth/users';
import type { AgentContext } from '../context';
import type { ServedDatabases } from '../replication/served-databases';
import { FileIndex } from '../scan/file-index';
import { locatorOf, progressOf } from './book-positions';
import { matchDocument } from './documents';
import type { GetAnswer, ProgressPut, PutAnswer } from './kosync-protocol';
import { SentPositions } from './sent-positions';

/** How a KOReader device is named among the user's devices ("You were at 28% on …"). */
const DEVICE_PREFIX = 'KOReader on ';

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * A device id Colophon can keep: KOReader's own (32 hex digits, from
 * random.uuid) as it is; anything else (other clients, none at all) as a
 * digest of what the client sent.
 */
function deviceIdOf(put: ProgressPut): string {
  const id = put.device_id ?? '';
  if (deviceIdSchema.safeParse(id).success) return id;
  return `ko-${createHash('md5')
    .update(id || put.device)
    .digest('hex')}`;
}

/**
 * KOReader's progress sync over Colophon's reading records. A position
 * KOReader puts becomes the device's progress document in the user's own
 * database (the in-app reader's record, replicated to every device), with
 * its xpointer as a CFI where the book allows; the latest position of any
 * device is what KOReader gets back. What KOReader sent is kept beside it
 * as sent (SentPositions), for the device that sent it and for documents
 * that are no book in the library.
 */
export class ProgressSync {
  private readonly files: FileIndex;
  private readonly sent: SentPositions;

  constructor(
    private readonly ctx: AgentContext,
    private readonly databases: ServedDatabases,
  ) {
    this.files = new FileIndex(ctx.db);
    this.sent = new SentPositions(ctx.db);
  }

  async put(user: User, document: string, put: ProgressPut, now = new Date()): Promise<PutAnswer> {
    const match = await matchDocument(
      this.files,
      this.sent,
      user.id,
      document,
      put.metadata?.filename,
    );
    const device = deviceIdOf(put);
    const writtenAt = now.toISOString();
    const sent = { userId: user.id, document, deviceId: device, device: put.device };
    if (!match) {
      this.sent.save({ ...sent, progress: put.progress, percentage: put.percentage, writtenAt });
      return {
        document,
        timestamp: seconds(writtenAt),
        colophon: { book: null, matchedBy: null, position: 'as-sent' },
      };
    }
    const book = bookDocId(this.ctx.library, match.bookId);
    const { locator, translation } = await locatorOf(match.file, put.progress);
    const doc = progressDoc({
      book,
      locator,
      percentage: put.percentage,
      device,
      deviceName: `${DEVICE_PREFIX}${put.device || 'a device'}`,
      at: now,
    });
    // KOReader's last page is 100% (page / pages, rounded down to 4 places): finished.
    await recordPosition(this.databases.user(user.id).db, doc, put.percentage >= 1);
    this.sent.save({
      ...sent,
      progress: put.progress,
      percentage: doc.percentage,
      bookId: match.bookId,
      format: match.file.format,
      writtenAt: doc.updatedAt,
    });
    return {
      document,
      timestamp: seconds(doc.updatedAt),
      colophon: { book, matchedBy: match.matchedBy, position: translation },
    };
  }

  async get(user: User, document: string): Promise<GetAnswer> {
    const match = await matchDocument(this.files, this.sent, user.id, document);
    if (!match) {
      const sent = this.sent.latest(user.id, document);
      const colophon = { book: null, matchedBy: null, position: 'as-sent' as const };
      if (!sent) return { colophon: { ...colophon, position: 'none' } };
      return {
        document,
        percentage: sent.percentage,
        progress: sent.progress,
        device: sent.device,
        device_id: sent.deviceId,
        timestamp: seconds(sent.writtenAt),
        colophon,
      };
    }
    const book = bookDocId(this.ctx.library, match.bookId);
    const none = { colophon: { book, matchedBy: match.matchedBy, position: 'none' as const } };
    const latest = await this.latestOf(user.id, book);
    if (!latest) return none;
    const sent = this.sent.behind(user.id, match.bookId, latest.device, latest.updatedAt);
    const answer =
      sent && sent.format === match.file.format
        ? { progress: sent.progress, translation: 'as-sent' as const }
        : await progressOf(match.file, latest);
    if (!answer) return none;
    return {
      document,
      percentage: latest.percentage,
      progress: answer.progress,
      device: sent?.device ?? latest.deviceName,
      device_id: latest.device,
      timestamp: seconds(latest.updatedAt),
      colophon: { book, matchedBy: match.matchedBy, position: answer.translation },
    };
  }

  /** The latest position of any of the user's devices in the book. */
  private async latestOf(userId: string, book: string): Promise<ProgressDoc | undefined> {
    if (!this.databases.userExists(userId)) return undefined;
    const found = await this.databases
      .user(userId)
      .db.allDocs({ ...progressIdRange(book), include_docs: true });
    return latestPosition(
      found.rows.map((row) => readProgressDoc(row.doc)).filter((d): d is ProgressDoc => !!d),
    );
  }
}
