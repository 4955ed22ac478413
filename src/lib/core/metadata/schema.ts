import { z } from 'zod';
import type { FieldCandidate } from './types';

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

function field<K extends string, V extends z.ZodType>(name: K, value: V) {
  return z.object({
    field: z.literal(name),
    value,
    origin: originSchema,
    confidence: z.number().min(0).max(1),
  });
}

export const fieldCandidateSchema: z.ZodType<FieldCandidate> = z.discriminatedUnion('field', [
  field('title', z.string()),
  field('subtitle', z.string()),
  field('sortTitle', z.string()),
  field('authors', z.array(personSchema)),
  field('contributors', z.array(personSchema)),
  field('languages', strings),
  field('identifiers', z.array(identifierSchema)),
  field('publisher', z.string()),
  field('published', z.string()),
  field('modified', z.string()),
  field('description', z.string()),
  field('subjects', strings),
  field('series', seriesPositionSchema),
  field('collections', z.array(seriesPositionSchema)),
  field('pageCount', z.number()),
]);
