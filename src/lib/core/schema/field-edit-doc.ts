import { z } from 'zod';
import { FIELDS } from '../merge/field-kinds';
import type { MetadataField } from '../metadata/types';
import { defineDocumentType } from './document-type';
import { couchFields } from './couch-fields';
import { deviceIdSchema } from './progress-doc';

export const FIELD_EDIT_DOC_VERSION = 1 as const;
export const FIELD_EDIT_PREFIX = 'field-edit:';

/** The largest field edit: a long description and the document around it. */
export const MAX_FIELD_EDIT_BYTES = 96 * 1024;
/** The most edits one new edit can say it replaces (the heads its device saw). */
const MAX_REPLACES = 50;

const editIdSchema = z
  .string()
  .regex(
    /^field-edit:[0-9a-z]{10}:[A-Za-z0-9_-]{1,64}:[0-9a-z]{6,16}$/,
    'The id must be field-edit:<time>:<device>:<random>.',
  );

/**
 * One metadata edit of an admin's, written on a device to their own
 * database and replicated: a field set to a value, or cleared (automatic
 * again). Never changed once written: a later edit is a new document that
 * names the edits of that field its device knew as current (`replaces`), so
 * edits made apart on two devices are both kept, and every device settles
 * them the same way (see resolveFieldEdits). The agent checks each one and
 * applies the winner to the catalog.
 */
export const fieldEditDocSchema = z.strictObject({
  _id: editIdSchema,
  ...couchFields,
  type: z.literal('field-edit'),
  v: z.literal(FIELD_EDIT_DOC_VERSION),
  book: z.string().regex(/^book:\S{1,80}$/, 'The book must be a book id (book:…).'),
  field: z
    .string()
    .refine(
      (f) => FIELDS.some((k) => k === f),
      'Not a metadata field.',
    ) as z.ZodType<MetadataField>,
  action: z.enum(['set', 'clear']),
  /** The value set; absent for a clear. Checked against the field's schema by the agent. */
  value: z.unknown().optional(),
  /** When the edit was made, by the device's clock: later wins. */
  at: z.iso.datetime(),
  device: deviceIdSchema,
  /** What the user calls the device, for "Changed on 2 devices: Tablet chose …". */
  deviceName: z.string().min(1).max(100),
  /** The edits of this field this device knew as current when it wrote this one. */
  replaces: z.array(editIdSchema).max(MAX_REPLACES),
});
export type FieldEditDoc = z.infer<typeof fieldEditDocSchema>;

export const fieldEditDocType = defineDocumentType({
  type: 'field-edit',
  version: FIELD_EDIT_DOC_VERSION,
  schema: fieldEditDocSchema,
});

export function readFieldEditDoc(raw: unknown): FieldEditDoc | undefined {
  return fieldEditDocType.read(raw);
}

/**
 * A new edit's id: its time first (base 36, fixed width, so ids sort by
 * time), the device, and randomness, so two devices never write the same id.
 */
export function fieldEditDocId(at: Date, device: string, random: string): string {
  return `${FIELD_EDIT_PREFIX}${at.getTime().toString(36).padStart(10, '0')}:${device}:${random}`;
}

export interface NewFieldEdit {
  book: string;
  field: MetadataField;
  /** The value set, or undefined to clear the field. */
  value: unknown;
  at: Date;
  device: string;
  deviceName: string;
  random: string;
  replaces: readonly string[];
}

export function fieldEditDoc(edit: NewFieldEdit): FieldEditDoc {
  return {
    _id: fieldEditDocId(edit.at, edit.device, edit.random),
    type: 'field-edit',
    v: FIELD_EDIT_DOC_VERSION,
    book: edit.book,
    field: edit.field,
    action: edit.value === undefined ? 'clear' : 'set',
    ...(edit.value === undefined ? {} : { value: edit.value }),
    at: edit.at.toISOString(),
    device: edit.device,
    deviceName: edit.deviceName.slice(0, 100) || 'A device',
    replaces: [...edit.replaces],
  };
}
