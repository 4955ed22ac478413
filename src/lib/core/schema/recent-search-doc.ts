import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { deviceIdSchema } from './progress-doc';
import { couchFields } from './couch-fields';

export const RECENT_SEARCH_DOC_VERSION = 1;

/** The longest query kept: longer ones are not remembered (no one retypes them). */
export const MAX_RECENT_QUERY = 300;
/** How many recent searches a device keeps; it deletes older ones past this. */
export const RECENT_SEARCHES_KEPT = 20;
/**
 * How many the agent stores at most: more than a device keeps, since two
 * devices apart each add theirs before either prunes the other's.
 */
export const RECENT_SEARCHES_STORED = 100;

/** A query as it is remembered: spaces collapsed, ends trimmed (the same search is one document). */
export function normaliseQuery(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * FNV-1a, twice (two seeds) for 64 bits: the id of a query, the same on every
 * device, so two devices that run the same search offline write the same
 * document (a conflict with the same query, whichever wins is right) and
 * different searches never touch each other's documents.
 */
export function queryHash(query: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}

export function recentSearchDocId(query: string): string {
  return `search:${queryHash(normaliseQuery(query))}`;
}

/**
 * One search the user ran, in their own database: one document per distinct
 * query (its id a hash of the query), so searches made on two devices while
 * apart are all kept; each device prunes to the latest RECENT_SEARCHES_KEPT.
 */
export const recentSearchDocSchema = z
  .strictObject({
    _id: z.string().regex(/^search:[0-9a-f]{16}$/),
    ...couchFields,
    type: z.literal('recent-search'),
    v: z.literal(RECENT_SEARCH_DOC_VERSION),
    query: z.string().min(1).max(MAX_RECENT_QUERY),
    /** When it was last run, ISO 8601. */
    at: z.iso.datetime(),
    device: deviceIdSchema,
  })
  .refine((doc) => doc.query === normaliseQuery(doc.query), {
    message: 'The query must have no leading, trailing or repeated spaces.',
    path: ['query'],
  })
  .refine((doc) => doc._id === recentSearchDocId(doc.query), {
    message: 'The id must be search:<hash of the query>.',
    path: ['_id'],
  });
export type RecentSearchDoc = z.infer<typeof recentSearchDocSchema>;

/** The document for a search just run; undefined for one not worth remembering (empty, too long). */
export function recentSearchDoc(
  text: string,
  device: string,
  at: Date,
): RecentSearchDoc | undefined {
  const query = normaliseQuery(text);
  if (!query || query.length > MAX_RECENT_QUERY) return undefined;
  return {
    _id: recentSearchDocId(query),
    type: 'recent-search',
    v: RECENT_SEARCH_DOC_VERSION,
    query,
    at: at.toISOString(),
    device,
  };
}

export const recentSearchDocType = defineDocumentType({
  type: 'recent-search',
  version: RECENT_SEARCH_DOC_VERSION,
  schema: recentSearchDocSchema,
});

export function readRecentSearchDoc(raw: unknown): RecentSearchDoc | undefined {
  return recentSearchDocType.read(raw);
}
