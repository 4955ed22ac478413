import type { BookMetadata, MetadataField, Origin } from '../metadata/types';

/**
 * Who stands behind a value: the file itself, an external service, a library
 * the user curated elsewhere (Calibre), or the user.
 */
export const SOURCE_IDS = [
  'file',
  'openlibrary',
  'googlebooks',
  'comicvine',
  'calibre',
  'user',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/**
 * Sources that hold the user's own earlier curation (a Calibre library):
 * trusted above the rest, such a source decides a field by itself (see
 * leadingSource in merge.ts), so outside services agreeing with the file
 * cannot outvote what the user curated.
 */
export const CURATED_SOURCE_IDS = ['calibre'] as const;
export type CuratedSourceId = (typeof CURATED_SOURCE_IDS)[number];

export const EXTERNAL_SOURCE_IDS = ['openlibrary', 'googlebooks', 'comicvine'] as const;
export type ExternalSourceId = (typeof EXTERNAL_SOURCE_IDS)[number];

/**
 * Where an external value came from: the service's id alone ("openlibrary"),
 * or with a detail after a colon ("openlibrary:isbn", "googlebooks:volume").
 */
export type ExternalOrigin = ExternalSourceId | `${ExternalSourceId}:${string}`;

/** Every origin a merge candidate may carry: the file's own, an external one, or a curated library's. */
export type CandidateOrigin = Origin | ExternalOrigin | CuratedSourceId;

/**
 * A value for one field from any source. The file's candidates
 * (FieldCandidate) are merge candidates as they are; external sources add
 * their own origins.
 */
export type MergeCandidate = {
  [K in MetadataField]: {
    field: K;
    value: NonNullable<BookMetadata[K]>;
    origin: CandidateOrigin;
    confidence: number;
  };
}[MetadataField];

const FILE_ORIGIN = /^(embedded:[a-z0-9-]+|filename|folder)$/;

function externalOf(origin: string): ExternalSourceId | undefined {
  const head = origin.split(':', 1)[0];
  return EXTERNAL_SOURCE_IDS.find((id) => id === head);
}

const curatedOf = (origin: string): CuratedSourceId | undefined =>
  CURATED_SOURCE_IDS.find((id) => id === origin);

/** The source behind an origin: everything read from the book's file or path is "file". */
export function sourceOf(origin: CandidateOrigin): SourceId {
  return externalOf(origin) ?? curatedOf(origin) ?? 'file';
}

/** True for an origin string a merge candidate may carry (for values read from documents). */
export function isCandidateOrigin(text: string): text is CandidateOrigin {
  return FILE_ORIGIN.test(text) || externalOf(text) !== undefined || curatedOf(text) !== undefined;
}

/** Makes a merge candidate with the field/value pairing checked by the compiler. */
export function mergeCandidate<K extends MetadataField>(
  field: K,
  value: NonNullable<BookMetadata[K]>,
  origin: CandidateOrigin,
  confidence: number,
): MergeCandidate {
  return { field, value, origin, confidence } as MergeCandidate;
}
