import { bookView, type BookView } from '#core/books/book-view';
import type { FieldOutcome } from '#core/edits/field-edit-resolve';
import type { BookMetadata, MetadataField } from '#core/metadata/types';
import { emptyEditDoc, type EditDoc } from '#core/schema/edit-doc';
import type { ReadModel } from '$lib/db/read-model';

/** What a book's merge reads, from the read model. */
export interface BookContextRows {
  doc: Parameters<typeof bookView>[0];
  context: NonNullable<Parameters<typeof bookView>[1]>;
}

/** The book's document and everything its merge weighs, as the read model holds them. */
export async function readBookContext(
  model: ReadModel,
  id: string,
): Promise<BookContextRows | undefined> {
  const [doc, lookups, calibre, edit, sources] = await Promise.all([
    model.bookDocs.get(id),
    model.lookups.where('book').equals(id).toArray(),
    model.calibre.where('book').equals(id).first(),
    model.edits.get(id),
    model.sources.toArray(),
  ]);
  if (!doc) return undefined;
  return { doc, context: { lookups, ...(calibre && { calibre }), edit, sources } };
}

/**
 * The user's fields with this device's edits the catalog has not caught up
 * with laid over them: an edit made after the catalog's edit document was
 * last written (the agent writes it no earlier than the edit it applies) is
 * shown as if applied, so a Save shows at once, offline too.
 */
export function fieldsWithEdits(
  edit: EditDoc | undefined,
  outcomes: Iterable<FieldOutcome>,
): { fields: BookMetadata; pending: Set<MetadataField> } {
  const fields: Record<string, unknown> = { ...(edit?.fields ?? {}) };
  const pending = new Set<MetadataField>();
  for (const outcome of outcomes) {
    if (edit && outcome.winner.at <= edit.updatedAt) continue;
    pending.add(outcome.field);
    if (outcome.winner.action === 'set') fields[outcome.field] = outcome.winner.value;
    else delete fields[outcome.field];
  }
  return { fields: fields as BookMetadata, pending };
}

/** The book as the catalog will show it once these edits are applied: the same merge, run here. */
export function viewWithEdits(rows: BookContextRows, outcomes: Iterable<FieldOutcome>): BookView {
  const edit = rows.context.edit;
  const { fields } = fieldsWithEdits(edit, outcomes);
  const base = edit ?? emptyEditDoc(rows.doc.library, rows.doc._id.split(':').at(-1) ?? '');
  return bookView(rows.doc, { ...rows.context, edit: { ...base, fields } });
}
