import type { MetadataField } from '../metadata/types';
import type { FieldEditDoc } from '../schema/field-edit-doc';

/** What resolution reads of an edit document. */
export type FieldEdit = Pick<
  FieldEditDoc,
  '_id' | 'book' | 'field' | 'action' | 'value' | 'at' | 'device' | 'deviceName' | 'replaces'
>;

/** Where one field of one book stands after every edit a replica holds. */
export interface FieldOutcome<E extends FieldEdit = FieldEdit> {
  book: string;
  field: MetadataField;
  /** The edit in force: the latest of the heads. */
  winner: E;
  /**
   * The edits no other edit replaces, oldest first (the winner last): more
   * than one when devices edited the field apart and no one has picked yet.
   */
  heads: E[];
  /** The heads chose different values: the page asks which to keep. */
  conflict: boolean;
}

/**
 * The order of edits, the same on every device: later by the edit's own
 * time, then by device id, then by id (two edits of one device in one
 * millisecond).
 */
export function compareEdits(a: FieldEdit, b: FieldEdit): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/** What an edit chose, comparable: the value set, or "automatic". */
export function editChoice(edit: Pick<FieldEdit, 'action' | 'value'>): string {
  return edit.action === 'clear' ? 'clear' : `set:${JSON.stringify(edit.value)}`;
}

export const outcomeKey = (book: string, field: string) => `${book}\u0000${field}`;

/**
 * Settles every field's edits: the heads are the edits no other edit of the
 * set names in `replaces`; the winner is the latest head by compareEdits.
 * The result depends only on the set of edits, never on the order they
 * arrived in, so replicas holding the same edits show the same values.
 * Every edit is kept: a losing value stays among the heads until a new edit
 * (a pick) replaces them all.
 */
export function resolveFieldEdits<E extends FieldEdit>(
  edits: Iterable<E>,
): Map<string, FieldOutcome<E>> {
  const groups = new Map<string, E[]>();
  for (const edit of edits) {
    const key = outcomeKey(edit.book, edit.field);
    const group = groups.get(key);
    if (group) group.push(edit);
    else groups.set(key, [edit]);
  }
  const outcomes = new Map<string, FieldOutcome<E>>();
  for (const [key, group] of groups) {
    const replaced = new Set(group.flatMap((edit) => edit.replaces));
    let heads = group.filter((edit) => !replaced.has(edit._id));
    // Edits that replace each other in a cycle (a forged or broken set) leave no head: take them all.
    if (heads.length === 0) heads = group;
    heads.sort(compareEdits);
    const winner = heads.at(-1) as E;
    const choices = new Set(heads.map(editChoice));
    outcomes.set(key, {
      book: winner.book,
      field: winner.field,
      winner,
      heads,
      conflict: choices.size > 1,
    });
  }
  return outcomes;
}

/** One field's outcome, when it has edits. */
export function fieldOutcome<E extends FieldEdit>(
  edits: Iterable<E>,
  book: string,
  field: MetadataField,
): FieldOutcome<E> | undefined {
  const mine = [...edits].filter((edit) => edit.book === book && edit.field === field);
  return resolveFieldEdits(mine).get(outcomeKey(book, field));
}

/**
 * The choices of a conflict, one per distinct value, each with the devices
 * that chose it (newest head first): "Tablet chose X, Laptop chose Y".
 */
export function conflictChoices<E extends FieldEdit>(
  outcome: FieldOutcome<E>,
): { edit: E; devices: string[] }[] {
  const byChoice = new Map<string, { edit: E; devices: string[] }>();
  for (const head of [...outcome.heads].reverse()) {
    const key = editChoice(head);
    const entry = byChoice.get(key);
    if (!entry) byChoice.set(key, { edit: head, devices: [head.deviceName] });
    else if (!entry.devices.includes(head.deviceName)) entry.devices.push(head.deviceName);
  }
  return [...byChoice.values()];
}
