import { adjustTrust, revertTrust, type TrustChange } from '#core/merge/trust-adjust';
import type { DataSource } from '#core/merge/trust';
import type { BookMetadata } from '#core/metadata/types';
import { sourceDoc } from '#core/schema/source-doc';
import { readCoverDoc } from '#core/schema/cover-doc';
import { emptyEditDoc, type EditDoc } from '#core/schema/edit-doc';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { OperationLog } from '../../oplog/operation-log';
import type { BookState, BookStates } from '../book-state';
import type { EditLog } from './edit-log';
import { bookNotFound, MetadataRequestError } from '../errors';
import { checkField, parseFieldValue } from './field-values';
import type { Serial } from '../serial';
import type { SourceDocs } from '../lookups/source-docs';

export interface EditsDeps {
  catalog: CatalogStore;
  sources: SourceDocs;
  states: BookStates;
  log: EditLog;
  oplog: OperationLog;
  lock: Serial;
}

const COVER_FIELD = 'cover';

/** Where an edit came from when it came as a replicated document (see ReplicatedEdits). */
export interface EditOrigin {
  /** The device's name, as the history shows it. */
  device: string;
  /** The edit document's id. */
  editId: string;
  /** When the edit was made, by the device's clock. */
  at: string;
}

const originFields = (origin: EditOrigin | undefined) =>
  origin ? { device: origin.device, editId: origin.editId, at: origin.at } : {};

/**
 * The user's own decisions about a book, written to its edit document
 * (`edit:<lib>:<book>`), which every merge takes as manual values that win.
 * Setting a field nudges the trust of the sources that had a value for it
 * (adjustTrust) and records the steps in SQLite; clearing the field, or
 * setting it again, takes them back (revertTrust), so a field's manual value
 * moves each source's trust by one step at most. Everything is written to
 * the operation log.
 */
export class MetadataEdits {
  constructor(private readonly deps: EditsDeps) {}

  private get library(): string {
    return this.deps.catalog.library;
  }

  private async state(bookId: string): Promise<{ state: BookState; sources: DataSource[] }> {
    const sources = await this.deps.sources.ensure();
    const state = await this.deps.states.one(bookId, sources);
    if (!state) throw bookNotFound(bookId);
    return { state, sources };
  }

  /** The book's edit document as it will be written: the current one, or a new empty one. */
  private editDoc(
    state: Pick<BookState, 'bookId' | 'edit'>,
    userId: string | undefined,
    origin?: EditOrigin,
  ): EditDoc {
    const current: EditDoc = state.edit ?? emptyEditDoc(this.library, state.bookId);
    const { _rev: _r, updatedBy: _u, ...rest } = current;
    // Never before the edit's own time: a device shows its pending edit until the catalog is as new.
    const now = new Date().toISOString();
    const updatedAt = origin && origin.at > now ? origin.at : now;
    return { ...rest, updatedAt, ...(userId && { updatedBy: userId }) };
  }

  /** Sets a field to the user's value; returns the trust changes it caused. */
  setField(
    bookId: string,
    field: string,
    value: unknown,
    userId?: string,
    origin?: EditOrigin,
  ): Promise<TrustChange[]> {
    checkField(field);
    const chosen = parseFieldValue(field, value);
    return this.deps.lock.run(async () => {
      const { state, sources } = await this.state(bookId);
      const earlier = this.deps.log.active(state.bookId, field);
      // Setting a field again replaces the earlier value's trust steps rather than adding to them.
      const base = earlier ? revertTrust(sources, earlier.trustChanges) : sources;
      const { sources: next, changes } = adjustTrust(
        base,
        field,
        chosen as NonNullable<BookMetadata[typeof field]>,
        state.candidates,
      );
      const edit = this.editDoc(state, userId, origin);
      edit.fields = { ...edit.fields, [field]: chosen };
      await this.deps.catalog.upsert([edit, ...next.map((s) => sourceDoc(this.library, s))]);
      const before = state.merged.metadata[field] ?? null;
      const id = this.deps.log.record(
        {
          bookId: state.bookId,
          field,
          action: 'set',
          before,
          after: chosen,
          trustChanges: changes,
          ...(userId && { userId }),
          ...originFields(origin),
        },
        earlier?.id,
      );
      this.deps.oplog.record({
        kind: 'metadata.edited',
        subject: state.book._id,
        message: `${field} of “${state.merged.metadata.title ?? state.book.path}” set by hand${trustNote(changes)}.`,
        details: {
          edit: id,
          field,
          before,
          after: chosen,
          trustChanges: changes,
          ...(userId && { user: userId }),
        },
      });
      return changes;
    });
  }

  /** Clears the user's value: the field is decided automatically again, its trust steps taken back. */
  clearField(
    bookId: string,
    field: string,
    userId?: string,
    origin?: EditOrigin,
  ): Promise<TrustChange[]> {
    checkField(field);
    return this.deps.lock.run(async () => {
      const { state, sources } = await this.state(bookId);
      const earlier = this.deps.log.active(state.bookId, field);
      // Already automatic: nothing to write, nothing to log (a device's edit is logged all the same).
      if (state.edit?.fields[field] === undefined && !earlier && !origin) return [];
      const reverted = earlier?.trustChanges ?? [];
      const next = revertTrust(sources, reverted);
      const edit = this.editDoc(state, userId, origin);
      const { [field]: before, ...fields } = edit.fields;
      edit.fields = fields;
      await this.deps.catalog.upsert([edit, ...next.map((s) => sourceDoc(this.library, s))]);
      const id = this.deps.log.record(
        {
          bookId: state.bookId,
          field,
          action: 'clear',
          before: before ?? null,
          after: null,
          trustChanges: reverted,
          ...(userId && { userId }),
          ...originFields(origin),
        },
        earlier?.id,
      );
      this.deps.oplog.record({
        kind: 'metadata.reverted',
        subject: state.book._id,
        message: `${field} of “${state.merged.metadata.title ?? state.book.path}” is automatic again${reverted.length ? '; the trust changes it caused were taken back' : ''}.`,
        details: {
          edit: id,
          field,
          before: before ?? null,
          revertedTrustChanges: reverted,
          ...(userId && { user: userId }),
        },
      });
      return reverted;
    });
  }

  /** Chooses a cover document of this book as its primary cover; undefined goes back to the default. */
  chooseCover(bookId: string, coverId: string | undefined, userId?: string): Promise<void> {
    return this.deps.lock.run(async () => {
      const { state } = await this.state(bookId);
      if (coverId !== undefined) {
        const cover = readCoverDoc(await this.deps.catalog.get(coverId));
        if (!cover || cover.book !== state.book._id)
          throw new MetadataRequestError(
            404,
            'no-such-cover',
            `This book has no cover “${coverId}”; choose one of its covers.`,
          );
      }
      if (coverId === undefined && state.edit?.cover === undefined) return;
      const edit = this.editDoc(state, userId);
      const before = edit.cover ?? null;
      const { cover: _old, ...rest } = edit;
      await this.deps.catalog.upsert([coverId ? { ...rest, cover: coverId } : rest]);
      const id = this.deps.log.record(
        {
          bookId: state.bookId,
          field: COVER_FIELD,
          action: coverId ? 'set' : 'clear',
          before,
          after: coverId ?? null,
          trustChanges: [],
          ...(userId && { userId }),
        },
        this.deps.log.active(state.bookId, COVER_FIELD)?.id,
      );
      this.deps.oplog.record({
        kind: 'cover.chosen',
        subject: state.book._id,
        message: coverId
          ? `The cover of “${state.merged.metadata.title ?? state.book.path}” is now ${coverId}.`
          : `The cover of “${state.merged.metadata.title ?? state.book.path}” is the default again.`,
        details: { edit: id, before, after: coverId ?? null, ...(userId && { user: userId }) },
      });
    });
  }
}

function trustNote(changes: readonly TrustChange[]): string {
  if (changes.length === 0) return '';
  const steps = changes.map((c) => `${c.source} ${c.before} → ${c.after}`);
  return `; trust: ${steps.join(', ')}`;
}
