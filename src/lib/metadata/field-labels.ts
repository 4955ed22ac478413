import type { MetadataField } from '#core/metadata/types';

/** The fields the metadata page edits, in its order, with their names in words. */
export const FIELD_LABELS: { field: MetadataField; label: string }[] = [
  { field: 'title', label: 'Title' },
  { field: 'subtitle', label: 'Subtitle' },
  { field: 'authors', label: 'Authors' },
  { field: 'series', label: 'Series' },
  { field: 'publisher', label: 'Publisher' },
  { field: 'published', label: 'Published' },
  { field: 'languages', label: 'Languages' },
  { field: 'identifiers', label: 'Identifiers' },
  { field: 'subjects', label: 'Subjects' },
  { field: 'description', label: 'Description' },
  { field: 'contributors', label: 'Contributors' },
  { field: 'pageCount', label: 'Pages' },
  { field: 'rating', label: 'Rating (stars of 5)' },
];

/** A field's name in words ("Title"), the cover's too; the field itself when unknown. */
export function fieldLabel(field: string): string {
  if (field === 'cover') return 'Cover';
  return FIELD_LABELS.find((f) => f.field === field)?.label ?? field;
}
