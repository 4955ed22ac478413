import { z } from 'zod';
import { isCandidateOrigin, type MergeCandidate } from '../merge/sources';
import type { BookMetadata, FieldCandidate, MetadataField } from './types';

/** Validators for metadata values as they travel in synced documents. */
export const personSchema = z.object({
  name: z.string(),
  sortName: z.string().optional(),
  roles: z.array(z.string()),
});

export const identifierSchema = z.object({
  scheme: z.enum(['isbn', 'asin', 'uuid', 'uri', 'doi', 'issn', 'gtin', 'comicvine', 'other']),
  value: z.string(),
});

export const seriesPositionSchema = z.object({
  name: z.string(),
  number: z.number().optional(),
  kind: z.enum(['series', 'set']),
  issue: z.string().optional(),
  group: z.enum(['story-arc', 'series-group']).optional(),
});

export const originSchema = z.enum([
  'embedded:opf',
  'embedded:exth',
  'embedded:mobi-header',
  'embedded:pdf-info',
  'embedded:xmp',
  'embedded:comicinfo',
  'embedded:metroninfo',
  'embedded:comet',
  'embedded:comicbookinfo',
  'filename',
  'folder',
]);

const strings = z.array(z.string());

/** Each field's value validator: the one table the candidate and metadata schemas share. */
const VALUES = {
  title: z.string(),
  subtitle: z.string(),
  sortTitle: z.string(),
  authors: z.array(personSchema),
  contributors: z.array(personSchema),
  languages: strings,
  identifiers: z.array(identifierSchema),
  publisher: z.string(),
  imprint: z.string(),
  published: z.string(),
  firstPublished: z.string(),
  modified: z.string(),
  description: z.string(),
  subjects: strings,
  ageRating: z.string(),
  series: seriesPositionSchema,
  seriesDescription: z.string(),
  seriesStartYear: z.number().int(),
  collections: z.array(seriesPositionSchema),
  pageCount: z.number(),
  rating: z.number().min(0).max(5),
} as const satisfies Record<MetadataField, z.ZodType>;

function candidates<O extends z.ZodType<string>>(origin: O) {
  const field = <K extends MetadataField>(name: K) =>
    z.object({
      field: z.literal(name),
      value: VALUES[name],
      origin,
      confidence: z.number().min(0).max(1),
    });
  return z.discriminatedUnion('field', [
    field('title'),
    field('subtitle'),
    field('sortTitle'),
    field('authors'),
    field('contributors'),
    field('languages'),
    field('identifiers'),
    field('publisher'),
    field('imprint'),
    field('published'),
    field('firstPublished'),
    field('modified'),
    field('description'),
    field('subjects'),
    field('ageRating'),
    field('series'),
    field('seriesDescription'),
    field('seriesStartYear'),
    field('collections'),
    field('pageCount'),
    field('rating'),
  ]);
}

/** A value a file gave (embedded, or guessed from its path). */
export const fieldCandidateSchema: z.ZodType<FieldCandidate> = candidates(originSchema);

/** A value any source gave: the file's origins, or an outside source's (`openlibrary:isbn`, …). */
export const mergeCandidateSchema: z.ZodType<MergeCandidate> = candidates(
  z.string().refine(isCandidateOrigin, 'Not a known origin.'),
) as z.ZodType<MergeCandidate>;

/** Metadata as the user typed it (every field optional). */
export const bookMetadataSchema: z.ZodType<BookMetadata> = z
  .object(VALUES)
  .partial()
  .strict() as z.ZodType<BookMetadata>;
