import { ORIGIN_CONFIDENCE } from './confidence';
import {
  candidate,
  type BookMetadata,
  type FieldCandidate,
  type MetadataField,
  type Origin,
} from './types';

/** One candidate per field the metadata has, at the origin's confidence: how every parser reports. */
export function metadataCandidates(metadata: BookMetadata, origin: Origin): FieldCandidate[] {
  const fields = Object.keys(metadata) as MetadataField[];
  return fields.flatMap((field) => fieldCandidate(metadata, field, origin));
}

function fieldCandidate<K extends MetadataField>(
  metadata: BookMetadata,
  field: K,
  origin: Origin,
): FieldCandidate[] {
  const value = metadata[field];
  return value == null ? [] : [candidate(field, value, origin, ORIGIN_CONFIDENCE[origin])];
}

/** The metadata without its empty fields (undefined values, empty lists). */
export function compactMetadata(metadata: BookMetadata): BookMetadata {
  const out: BookMetadata = {};
  for (const [key, value] of Object.entries(metadata) as [keyof BookMetadata, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    Object.assign(out, { [key]: value });
  }
  return out;
}
