import {
  compareEdits,
  outcomeKey,
  resolveFieldEdits,
  type FieldOutcome,
} from '#core/edits/field-edit-resolve';
import {
  FIELD_EDIT_PREFIX,
  readFieldEditDoc,
  type FieldEditDoc,
} from '#core/schema/field-edit-doc';
import type { Role } from '#core/api/users';
import type { CatalogStore } from '../../catalog/catalog-store';
import { shortBookId } from '../book-state';
import { MetadataRequestError } from '../errors';
import type { EditLog } from './edit-log';
import type { MetadataEdits } from './edits';
import { parseFieldValue } from './field-values';
import { UserPasses } from './user-passes';

export interface ReplicatedEditsDeps {
  edits: MetadataEdits;
  log: EditLog;
  catalog: CatalogStore;
  /** A user's own database on the agent. */
  userDb: (userId: string) => PouchDB.Database;
}

/** Who wrote to a user database: its owner, by their role now. */
export interface EditCaller {
  id: string;
  role: Role;
}

const isFieldEdit = (doc: Record<string, unknown>) => String(doc._id).startsWith(FIELD_EDIT_PREFIX);

/**
 * Metadata edits that come as documents an admin's devices write to their
 * own database (field-edit:…), offline or not, and replicate. Each is
 * checked as the edit route checks a request (an admin's, a metadata field,
 * a value its schema takes, a book in the catalog) before it is stored:
 * refused, it never reaches another device and its own device shows why.
 * Stored, it is applied through MetadataEdits, the path the edit route
 * takes, so trust steps, the edit history (with device and time) and the
 * operation log follow. Edits of one field made apart on two devices are
 * settled by resolveFieldEdits, as every device settles them: the winner is
 * applied, the other is kept in the history as lost.
 */
export class ReplicatedEdits {
  private readonly passes = new UserPasses(
    (userId) => this.applyWaiting(userId),
    'apply metadata edits',
  );

  constructor(private readonly deps: ReplicatedEditsDeps) {}

  /** Fills in `refusals` (in place, as refuseOverCount does) for the field edits among `docs`. */
  async refuse(
    docs: readonly Record<string, unknown>[],
    refusals: (string | undefined)[],
    caller: EditCaller,
  ): Promise<void> {
    // A replication batch holds many edits of few books: each book is looked up once.
    const inCatalog = new Map<string, Promise<boolean>>();
    const bookExists = (book: string) => {
      let known = inCatalog.get(book);
      if (!known) {
        known = this.deps.catalog.get(book).then((doc) => doc !== undefined);
        inCatalog.set(book, known);
      }
      return known;
    };
    for (const [i, raw] of docs.entries()) {
      if (refusals[i] !== undefined || !isFieldEdit(raw) || String(raw._id).startsWith('_local/'))
        continue;
      refusals[i] = await this.refusal(raw, caller, bookExists);
    }
  }

  private async refusal(
    raw: Record<string, unknown>,
    caller: EditCaller,
    bookExists: (book: string) => Promise<boolean>,
  ): Promise<string | undefined> {
    if (caller.role !== 'admin')
      return 'Only an admin edits metadata: ask one to make this change.';
    if (raw._deleted === true)
      return 'A metadata edit is kept as part of the book’s history and cannot be deleted.';
    const doc = readFieldEditDoc(raw);
    // userDocRefusal has read it by its schema already; this is for the types.
    if (!doc) return 'This is not a valid metadata edit.';
    // Written once, never changed: a later edit is a document of its own.
    if (typeof doc._rev === 'string' && !doc._rev.startsWith('1-'))
      return 'A metadata edit is never changed once made: make a new edit instead.';
    if (doc.action === 'set')
      try {
        parseFieldValue(doc.field, doc.value);
      } catch (error) {
        if (error instanceof MetadataRequestError) return error.message;
        throw error;
      }
    else if (doc.value !== undefined) return 'Clearing a field takes no value.';
    if (!(await bookExists(doc.book)))
      return 'This book is no longer in the catalog: the edit was not applied.';
    return undefined;
  }

  /** The documents were stored in the caller's database: their edits are applied in turn. */
  stored(caller: EditCaller, docs: readonly Record<string, unknown>[]): void {
    if (!docs.some((doc) => isFieldEdit(doc) && doc._deleted !== true)) return;
    this.passes.schedule(caller.id);
  }

  /** Applies what is waiting in each of these users' databases (after a restart, say). */
  catchUp(userIds: readonly string[]): Promise<void> {
    return this.passes.catchUp(userIds);
  }

  /** Settles once every edit stored so far has been applied. */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  private async applyWaiting(userId: string): Promise<void> {
    const all = await this.deps.userDb(userId).allDocs({
      startkey: FIELD_EDIT_PREFIX,
      endkey: `${FIELD_EDIT_PREFIX}\ufff0`,
      include_docs: true,
    });
    const edits = all.rows.flatMap((row) => {
      const doc = readFieldEditDoc(row.doc);
      return doc ? [doc] : [];
    });
    const waiting = edits.filter((edit) => !this.deps.log.hasEdit(edit._id));
    if (waiting.length === 0) return;
    const touched = new Set(waiting.map((edit) => outcomeKey(edit.book, edit.field)));
    const outcomes = resolveFieldEdits(edits);
    for (const key of touched) {
      const outcome = outcomes.get(key);
      if (outcome) await this.settle(userId, outcome, waiting);
    }
  }

  /** Records the field's new edits: the winner applied (if it may be), the others as lost. */
  private async settle(
    userId: string,
    outcome: FieldOutcome<FieldEditDoc>,
    waiting: readonly FieldEditDoc[],
  ): Promise<void> {
    const bookId = shortBookId(outcome.book);
    const mine = waiting
      .filter((edit) => edit.book === outcome.book && edit.field === outcome.field)
      .sort(compareEdits);
    const winner = outcome.winner;
    const applyWinner = mine.includes(winner) && this.mayApply(userId, bookId, winner);
    for (const edit of mine)
      if (edit !== winner || !applyWinner) this.recordLost(userId, bookId, edit);
    if (!applyWinner) return;
    const origin = { device: winner.deviceName, editId: winner._id, at: winner.at };
    try {
      if (winner.action === 'set')
        await this.deps.edits.setField(bookId, winner.field, winner.value, userId, origin);
      else await this.deps.edits.clearField(bookId, winner.field, userId, origin);
    } catch (error) {
      // The book went between the check and now: the edit stays in the history, not in force.
      if (!(error instanceof MetadataRequestError)) throw error;
      this.recordLost(userId, bookId, winner);
    }
  }

  /**
   * Whether the winner of this user's edits may replace what is in force:
   * always when that came from this user's devices (resolution already
   * weighed it); otherwise (the edit route, another admin) only if the edit
   * was made later.
   */
  private mayApply(userId: string, bookId: string, edit: FieldEditDoc): boolean {
    const latest = this.deps.log.latest(bookId, edit.field);
    if (!latest) return true;
    if (latest.editId !== undefined && latest.userId === userId) return true;
    return Date.parse(edit.at) > Date.parse(latest.at);
  }

  private recordLost(userId: string, bookId: string, edit: FieldEditDoc): void {
    this.deps.log.record({
      bookId,
      field: edit.field,
      action: edit.action,
      before: null,
      after: edit.action === 'set' ? edit.value : null,
      trustChanges: [],
      userId,
      device: edit.deviceName,
      editId: edit._id,
      at: edit.at,
      lost: true,
    });
  }
}
