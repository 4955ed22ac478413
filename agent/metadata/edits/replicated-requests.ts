import type { Role } from '#core/api/users';
import { bookDocId, readBookDoc } from '#core/schema/book-doc';
import { readCoverDoc } from '#core/schema/cover-doc';
import { readRequestDoc, REQUEST_PREFIX, type RequestDoc } from '#core/schema/request-doc';
import { requestFailedDoc } from '#core/schema/request-outcome-doc';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { OperationLog } from '../../oplog/operation-log';
import { shortBookId } from '../book-state';
import { MetadataRequestError } from '../errors';
import type { Metadata } from '../metadata';
import { parseFieldValue } from './field-values';
import type { RenameRequests } from './rename-requests';
import type { RequestLog } from './request-log';
import { planSeriesChange } from './series';
import { UserPasses } from './user-passes';

export interface ReplicatedRequestsDeps {
  metadata: Pick<
    Metadata,
    'edits' | 'states' | 'sources' | 'changeSeries' | 'lookupBook' | 'enabledSources'
  >;
  catalog: CatalogStore;
  log: RequestLog;
  oplog: OperationLog;
  /** Renames asked on devices, planned again here before they run. */
  renames: RenameRequests;
  /** A user's own database on the agent. */
  userDb: (userId: string) => PouchDB.Database;
}

/** Who wrote to a user database: its owner, by their role now. */
export interface RequestCaller {
  id: string;
  role: Role;
}

const isRequest = (doc: Record<string, unknown>) => String(doc._id).startsWith(REQUEST_PREFIX);

/** The sentence a route's own refusal gives, or undefined when the check passes. */
async function reasonOf(check: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    if (error instanceof MetadataRequestError) return error.message;
    throw error;
  }
}

/**
 * Requests an admin's devices write to their own database (request:…),
 * offline or not: choose a cover, rename, merge or renumber a series, look a
 * book up, rename files as previewed there. Each is checked before it is stored by the rules of the route that
 * does the same (an admin's; the book, the cover, the series there; a
 * position the series field takes; a source to ask): refused, it never
 * reaches another device and its own device shows why. Stored, it is carried
 * out through the functions those routes call (a lookup is the same job, on
 * the Jobs page, and so is a rename), once: the ids carried out are kept in SQLite (RequestLog).
 */
export class ReplicatedRequests {
  private readonly passes = new UserPasses(
    (userId) => this.carryOutWaiting(userId),
    'carry out the requests',
  );

  constructor(private readonly deps: ReplicatedRequestsDeps) {}

  /** Fills in `refusals` (in place) for the requests among `docs`. */
  async refuse(
    docs: readonly Record<string, unknown>[],
    refusals: (string | undefined)[],
    caller: RequestCaller,
  ): Promise<void> {
    for (const [i, raw] of docs.entries()) {
      if (refusals[i] !== undefined || !isRequest(raw)) continue;
      refusals[i] = await this.refusal(raw, caller);
    }
  }

  private async refusal(
    raw: Record<string, unknown>,
    caller: RequestCaller,
  ): Promise<string | undefined> {
    if (caller.role !== 'admin')
      return 'Only an admin chooses covers, changes series, renames files or asks for lookups: ask one to do it.';
    if (raw._deleted === true)
      return 'A request is kept as the record of what was asked and cannot be deleted.';
    const doc = readRequestDoc(raw);
    // userDocRefusal has read it by its schema already; this is for the types.
    if (!doc) return 'This is not a valid request.';
    if (typeof doc._rev === 'string' && !doc._rev.startsWith('1-'))
      return 'A request is never changed once made: make a new one instead.';
    // Checked when it first came: another device replicating it again is not asking again.
    if (this.deps.log.has(doc._id) || (await this.alreadyStored(caller.id, doc._id)))
      return undefined;
    return this.ruleRefusal(doc);
  }

  private async alreadyStored(userId: string, id: string): Promise<boolean> {
    try {
      await this.deps.userDb(userId).get(id);
      return true;
    } catch {
      return false;
    }
  }

  /** The route's own rules for this action. */
  private async ruleRefusal(doc: RequestDoc): Promise<string | undefined> {
    const { metadata, catalog } = this.deps;
    const noBook = 'This book is no longer in the catalog: the request was not carried out.';
    const bookThere = async (book: string) =>
      readBookDoc(await catalog.get(bookDocId(catalog.library, shortBookId(book)))) !== undefined;
    switch (doc.action) {
      case 'cover': {
        if (!(await bookThere(doc.book))) return noBook;
        if (doc.cover === null) return undefined;
        const cover = readCoverDoc(await catalog.get(doc.cover));
        return cover && cover.book === doc.book
          ? undefined
          : `This book has no cover “${doc.cover}”; choose one of its covers.`;
      }
      case 'series-rename':
      case 'series-merge': {
        const change = doc.action === 'series-rename' ? 'rename' : 'merge';
        return reasonOf(() => planSeriesChange(metadata, change, doc.from, doc.into));
      }
      case 'series-renumber':
        for (const { book, position } of doc.books) {
          if (!(await bookThere(book))) return noBook;
          const reason = await reasonOf(async () => parseFieldValue('series', position));
          if (reason) return reason;
        }
        return undefined;
      case 'lookup':
        if (!(await bookThere(doc.book))) return noBook;
        return metadata.enabledSources().length === 0
          ? 'No metadata source is enabled; switch one on under Data sources.'
          : undefined;
      case 'rename':
        return this.deps.renames.refusal(doc);
    }
  }

  /** The documents were stored in the caller's database: their requests are carried out in turn. */
  stored(caller: RequestCaller, docs: readonly Record<string, unknown>[]): void {
    if (!docs.some((doc) => isRequest(doc) && doc._deleted !== true)) return;
    this.passes.schedule(caller.id);
  }

  /** Carries out what is waiting in each of these users' databases (after a restart, say). */
  catchUp(userIds: readonly string[]): Promise<void> {
    return this.passes.catchUp(userIds);
  }

  /** Settles once every request stored so far has been carried out. */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  private async carryOutWaiting(userId: string): Promise<void> {
    const all = await this.deps.userDb(userId).allDocs({
      startkey: REQUEST_PREFIX,
      endkey: `${REQUEST_PREFIX}\ufff0`,
      include_docs: true,
    });
    // Ids begin with the time asked: carried out in the order they were asked.
    for (const row of all.rows) {
      const doc = readRequestDoc(row.doc);
      if (!doc || this.deps.log.has(doc._id)) continue;
      await this.carryOut(userId, doc);
    }
  }

  private async carryOut(userId: string, doc: RequestDoc): Promise<void> {
    const entry = { id: doc._id, userId, action: doc.action };
    try {
      const jobId = await this.perform(userId, doc);
      this.deps.log.record({ ...entry, outcome: 'done', ...(jobId !== undefined && { jobId }) });
    } catch (error) {
      // The library changed between the check and now (the book went, the series was renamed).
      if (!(error instanceof MetadataRequestError)) throw error;
      this.deps.log.record({ ...entry, outcome: 'failed', message: error.message });
      this.deps.oplog.record({
        kind: 'request.failed',
        subject: doc._id,
        message: `A request made on ${doc.deviceName} could not be carried out: ${error.message}`,
        details: { request: doc._id, action: doc.action, user: userId },
      });
      await this.tellDevice(userId, doc, error.message);
    }
  }

  /** The asker's own database carries why, so the device that asked shows it as it shows a refusal. */
  private async tellDevice(userId: string, doc: RequestDoc, reason: string): Promise<void> {
    try {
      await this.deps.userDb(userId).put(requestFailedDoc(doc._id, reason, new Date()));
    } catch (error) {
      // Already told (a conflict), or the database is gone: the Activity log has it either way.
      console.warn(`[colophon] Could not tell ${userId}'s devices that ${doc._id} failed:`, error);
    }
  }

  /** Does what the request asks, as its route would; a lookup answers the job it started. */
  private async perform(userId: string, doc: RequestDoc): Promise<number | undefined> {
    const { metadata } = this.deps;
    switch (doc.action) {
      case 'cover':
        await metadata.edits.chooseCover(shortBookId(doc.book), doc.cover ?? undefined, userId);
        return undefined;
      case 'series-rename':
      case 'series-merge':
        await metadata.changeSeries(
          doc.action === 'series-rename' ? 'rename' : 'merge',
          doc.from,
          doc.into,
          userId,
        );
        return undefined;
      case 'series-renumber':
        for (const { book, position } of doc.books)
          await metadata.edits.setField(shortBookId(book), 'series', position, userId);
        return undefined;
      case 'lookup':
        return (await metadata.lookupBook(doc.book)).id;
      case 'rename':
        return this.deps.renames.carryOut(doc, (reason) => {
          void this.tellDevice(userId, doc, reason);
        });
    }
  }
}
