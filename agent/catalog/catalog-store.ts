import { isDeepStrictEqual } from 'node:util';
import {
  canRead,
  SCHEMA_DOC_ID,
  schemaDoc,
  schemaDocSchema,
  SCHEMA_VERSION,
} from '#core/schema/version';
import { StartupError } from '../startup-error';
import { isDiskFull } from '../storage/disk-full';
import type { BookDetailsStore } from './book-details-store';
import { isFat, slimBookDoc } from './slim-extraction';

/** An attachment to write: base64 data. Stored ones come back as stubs. */
export type NewAttachment = PouchDB.Core.FullAttachment;

type Doc = { _id: string; _rev?: string; _attachments?: PouchDB.Core.Attachments } & Record<
  string,
  unknown
>;

type WriteResult = PouchDB.Core.Response | PouchDB.Core.Error;

/** Book documents are read a page at a time when the catalog is slimmed. */
const SLIM_PAGE = 500;

const isBook = (doc: Doc): doc is Doc & Parameters<typeof slimBookDoc>[0] =>
  doc._id.startsWith('book:') && typeof doc.extraction === 'object' && doc.extraction !== null;

function isConflict(result: WriteResult | undefined): boolean {
  return result !== undefined && 'status' in result && result.status === 409;
}

/** A document's content as stored: without revision and attachments, undefined keys gone. */
function content(doc: Doc): Record<string, unknown> {
  // Attachments are dropped before the copy: a cover's is kilobytes of base64.
  const { _rev: _r, _attachments: _a, ...rest } = doc;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

/**
 * Writes catalog facts into the agent's PouchDB, from where they replicate.
 * Writes are upserts that skip documents whose content did not change, so a
 * rescan of an unchanged library produces no replication traffic. Attachments
 * are written when a document changes; a document written without them keeps
 * the ones it had.
 */
export class CatalogStore {
  /** Undefined after a full disk closed it, until the next use opens it again. */
  private handle: PouchDB.Database | undefined;

  /**
   * `reopen` opens the store again (see `recover`); without it a failed write
   * only throws. With `details`, book documents replicate slim: every
   * candidate a file gave is kept there, the document carries the file's
   * answer per field (see slim-extraction.ts).
   */
  constructor(
    db: PouchDB.Database,
    readonly library: string,
    private readonly reopen?: () => PouchDB.Database,
    readonly details?: BookDetailsStore,
  ) {
    this.handle = db;
  }

  /** The store's current handle: read it at each use, since a full disk replaces it. */
  get db(): PouchDB.Database {
    this.handle ??= (this.reopen as () => PouchDB.Database)();
    return this.handle;
  }

  /**
   * LevelDB, once a write failed on a full disk, keeps a torn record in its
   * log: what it accepts afterwards is readable until the store is reopened,
   * then gone (60 documents written after space returned, 0 after a restart).
   * So a write that meets a full disk closes the store; the next use opens
   * it again (opening needs free space too: an open that fails the same way
   * is closed again by the next write).
   */
  private async recover(error: unknown): Promise<never> {
    if (this.reopen && this.handle && isDiskFull(error)) {
      const broken = this.handle;
      this.handle = undefined;
      await broken.close().catch(() => undefined);
    }
    throw error;
  }

  private async write(docs: object[]): Promise<WriteResult[]> {
    const results = await this.db.bulkDocs(docs).catch((error: unknown) => this.recover(error));
    const full = results.find((r) => 'error' in r && r.error && isDiskFull(r));
    if (full) await this.recover(full);
    return results;
  }

  /**
   * Marks the catalog with this code's schema version. A catalog a newer agent
   * wrote is left as it is: this agent would misread it, and rewriting its
   * mark would make browsers running the newer app treat it as old.
   */
  async ensureSchema(): Promise<void> {
    const existing = schemaDocSchema.safeParse(
      await this.db.get(SCHEMA_DOC_ID).catch(() => undefined),
    );
    if (existing.success && !canRead(existing.data.version))
      throw new StartupError(
        'newer-data',
        `The catalog in this data folder was written by a newer Colophon (schema ${existing.data.version}; this agent reads up to ${SCHEMA_VERSION}). Run the newer version of Colophon, or start this one with another --data folder.`,
      );
    await this.upsert([schemaDoc(this.library)]);
    await this.slimBooks();
  }

  /**
   * Book documents written before documents replicated slim carry every
   * candidate: rewritten once, on the first start of an agent that keeps
   * them apart. Browsers then replicate the slim revision; one that still
   * holds the old one reads it as before.
   */
  private async slimBooks(): Promise<void> {
    const details = this.details;
    if (!details || details.slimmed()) return;
    let startkey = 'book:';
    for (;;) {
      const page = await this.db.allDocs({
        startkey,
        endkey: 'book:\ufff0',
        limit: SLIM_PAGE + 1,
        include_docs: true,
      });
      const docs = page.rows.slice(0, SLIM_PAGE).flatMap((row) => {
        const doc = 'doc' in row ? (row.doc as unknown as Doc | undefined) : undefined;
        return doc ? [doc] : [];
      });
      const fat = docs.filter((doc) => isBook(doc) && isFat(doc));
      if (fat.length) this.throwFailures(await this.write(this.slim(fat)));
      const next = page.rows[SLIM_PAGE];
      if (!next) break;
      startkey = next.id;
    }
    details.markSlimmed();
  }

  /**
   * The documents as they replicate: a book's every candidate goes to the
   * details store, its document keeps the file's answer per field. Other
   * documents, and books already slim, come back as they are.
   */
  private slim(docs: readonly Doc[]): Doc[] {
    const details = this.details;
    if (!details) return [...docs];
    const kept: Parameters<BookDetailsStore['put']>[0][number][] = [];
    const out = docs.map((doc) => {
      if (!isBook(doc)) return doc;
      const slim = slimBookDoc(doc);
      if (slim.candidates) kept.push({ docId: doc._id, candidates: slim.candidates });
      return slim.doc;
    });
    details.put(kept);
    return out;
  }

  async upsert(written: readonly Doc[]): Promise<number> {
    if (written.length === 0) return 0;
    const docs = this.slim(written);
    // Most documents a scan writes are new: they are written at once, and only
    // those that exist already (a conflict) are read and merged. Reading first
    // cost PouchDB a range query per key, most of the agent's catalog time.
    const fresh = docs.map((doc) => ({
      ...content(doc),
      _id: doc._id,
      ...(doc._attachments ? { _attachments: doc._attachments } : {}),
    }));
    const attempt = await this.write(fresh);
    const existingDocs = docs.filter((_, i) => isConflict(attempt[i]));
    this.throwFailures(attempt.filter((result) => !isConflict(result)));
    return docs.length - existingDocs.length + (await this.merge(existingDocs));
  }

  /** Rewrites documents that exist, keeping their attachments, unless their content is the same. */
  private async merge(docs: readonly Doc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const existing = await this.db.allDocs({ keys: docs.map((d) => d._id), include_docs: true });
    const byId = new Map<string, Doc>();
    for (const row of existing.rows) {
      if ('doc' in row && row.doc) byId.set(row.id, row.doc as unknown as Doc);
    }
    const changed: Doc[] = [];
    for (const doc of docs) {
      const old = byId.get(doc._id);
      const next = content(doc);
      if (old && isDeepStrictEqual(content(old), next)) continue;
      const attachments = doc._attachments ?? old?._attachments;
      changed.push({
        ...next,
        _id: doc._id,
        ...(old?._rev ? { _rev: old._rev } : {}),
        ...(attachments ? { _attachments: attachments } : {}),
      });
    }
    if (changed.length === 0) return 0;
    this.throwFailures(await this.write(changed));
    return changed.length;
  }

  private throwFailures(results: readonly WriteResult[]): void {
    const failed = results.filter((r) => 'error' in r && r.error);
    if (failed.length > 0) {
      throw new Error(
        `Could not write ${failed.length} catalog document(s): ${JSON.stringify(failed[0])}`,
      );
    }
  }

  /** Deletes documents (the ones that exist); returns how many were deleted. */
  async remove(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const found = await this.db.allDocs({ keys: [...ids] });
    const gone = found.rows.flatMap((row) =>
      'value' in row && row.value && !row.value.deleted
        ? [{ _id: row.id, _rev: row.value.rev, _deleted: true }]
        : [],
    );
    if (gone.length === 0) return 0;
    this.throwFailures(await this.write(gone));
    this.details?.remove(gone.map((doc) => doc._id).filter((id) => id.startsWith('book:')));
    return gone.length;
  }

  async get(id: string): Promise<Doc | undefined> {
    try {
      return (await this.db.get(id)) as unknown as Doc;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }
}
