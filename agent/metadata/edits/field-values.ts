import { z } from 'zod';
import { FIELDS } from '#core/merge/field-kinds';
import { bookMetadataSchema } from '#core/metadata/schema';
import type { BookMetadata, MetadataField } from '#core/metadata/types';
import { MetadataRequestError } from '../errors';

/** True for the name of a metadata field (what a user may set by hand). */
export function isMetadataField(field: string): field is MetadataField {
  return FIELDS.some((f) => f === field);
}

/** Empty text says nothing: a manual value must (a series named "" is "no series", and is let through). */
function blankText(field: MetadataField, value: unknown): boolean {
  return field !== 'series' && typeof value === 'string' && value.trim() === '';
}

/** The value as the field's schema takes it; a MetadataRequestError (400) saying why not. */
export function parseFieldValue<K extends MetadataField>(
  field: K,
  value: unknown,
): BookMetadata[K] {
  if (value === undefined || value === null)
    throw new MetadataRequestError(
      400,
      'invalid-value',
      `Give a value for ${field}; to go back to the automatic value, clear the field instead.`,
    );
  if (blankText(field, value))
    throw new MetadataRequestError(
      400,
      'invalid-value',
      `${field} cannot be empty; to go back to the automatic value, clear the field instead.`,
    );
  const parsed = bookMetadataSchema.safeParse({ [field]: value });
  if (!parsed.success)
    throw new MetadataRequestError(
      400,
      'invalid-value',
      `That is not a valid ${field}: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data[field];
}

/** A MetadataRequestError (404) for a name that is no metadata field. */
export function checkField(field: string): asserts field is MetadataField {
  if (!isMetadataField(field))
    throw new MetadataRequestError(
      404,
      'no-such-field',
      `There is no field "${field}". Fields: ${FIELDS.join(', ')}.`,
    );
}
