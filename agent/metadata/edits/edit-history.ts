import type { EditEntryListing } from '#core/api/metadata';
import type { UserStore } from '../../auth/users';
import { MetadataRequestError } from '../errors';
import type { EditLog } from './edit-log';
import type { MetadataEdits } from './edits';

const COVER_FIELD = 'cover';

/**
 * A book's edit history as the metadata page shows it, and putting a change
 * back. Only the newest change to a field can be put back: an older one was
 * already replaced, and undoing it under the newer value would be a surprise.
 * Putting back goes through the same edits as the page's own buttons, so the
 * trust steps and the logs follow.
 */
export class EditHistory {
  constructor(
    private readonly log: EditLog,
    private readonly edits: MetadataEdits,
    private readonly users: UserStore,
  ) {}

  list(bookId: string): EditEntryListing[] {
    const inForce = new Set(this.log.latestPerField(bookId).values());
    return this.log.history(bookId).map((entry) => {
      const by = entry.userId ? this.users.get(entry.userId)?.username : undefined;
      return {
        id: entry.id,
        at: entry.at,
        ...(by && { by }),
        field: entry.field,
        action: entry.action,
        before: entry.before,
        after: entry.after,
        inForce: inForce.has(entry.id),
        ...(entry.device && { device: entry.device }),
        ...(entry.lost && { lost: true }),
      };
    });
  }

  /** Puts the field back as it was before change `id`: the value it replaced, or automatic. */
  async revert(bookId: string, id: number, userId?: string): Promise<void> {
    const entry = this.log.get(id);
    if (!entry || entry.bookId !== bookId)
      throw new MetadataRequestError(
        404,
        'no-such-edit',
        `This book has no change ${id}; reload its history.`,
      );
    if (this.log.latestPerField(bookId).get(entry.field) !== id)
      throw new MetadataRequestError(
        409,
        'edit-replaced',
        `A later change to ${entry.field} replaced this one: put that one back instead.`,
      );
    const earlier = this.log.replacedBy(id);
    // A 'set' put back restores the value it replaced (if it replaced one of the user's); a 'clear', its value.
    const restore =
      entry.action === 'clear' ? entry.before : earlier?.action === 'set' ? earlier.after : null;
    if (entry.field === COVER_FIELD)
      await this.edits.chooseCover(
        bookId,
        typeof restore === 'string' ? restore : undefined,
        userId,
      );
    else if (restore === null || restore === undefined)
      await this.edits.clearField(bookId, entry.field, userId);
    else await this.edits.setField(bookId, entry.field, restore, userId);
  }
}
