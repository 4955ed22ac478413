import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { couchFields } from './couch-fields';
import { deviceIdSchema } from './progress-doc';
import { CONFLICT_POLICIES } from '../rename/plan-types';
import { PROFILE_NAMES } from '../rename/sanitise';
import { MAX_SEEN_MOVES, seenMoveSchema } from '../rename/seen-plan';

export const REQUEST_DOC_VERSION = 1 as const;
export const REQUEST_PREFIX = 'request:';

/** The largest request: a renumber of a long series, one position per book. */
export const MAX_REQUEST_BYTES = 256 * 1024;
/** The most books one renumber names (a longer series is renumbered in parts). */
export const MAX_RENUMBER_BOOKS = 1000;

const bookIdSchema = z.string().regex(/^book:\S{1,80}$/, 'The book must be a book id (book:…).');
const seriesNameSchema = z.string().trim().min(1, 'Name the series.').max(500);

/** What an admin asked the agent to do; each its REST route's counterpart. */
const actions = {
  /** A cover of the book as its primary cover; null goes back to the automatic one. */
  cover: {
    action: z.literal('cover'),
    book: bookIdSchema,
    cover: z
      .string()
      .regex(/^cover:\S{1,200}$/, 'The cover must be a cover id (cover:…).')
      .nullable(),
  },
  'series-rename': {
    action: z.literal('series-rename'),
    from: seriesNameSchema,
    into: seriesNameSchema,
  },
  'series-merge': {
    action: z.literal('series-merge'),
    from: seriesNameSchema,
    into: seriesNameSchema,
  },
  /** New positions for books of one series: each book's series field, checked by the agent. */
  'series-renumber': {
    action: z.literal('series-renumber'),
    series: seriesNameSchema,
    books: z
      .array(z.strictObject({ book: bookIdSchema, position: z.unknown() }))
      .min(1)
      .max(MAX_RENUMBER_BOOKS),
  },
  /**
   * Rename files by a pattern, as previewed on the device: `seen` is every
   * book the preview moved, from where to where. The agent plans again and
   * runs it only when its plan moves exactly these (a journaled rename job).
   */
  rename: {
    action: z.literal('rename'),
    pattern: z.string().min(1, 'Give a pattern.').max(2000),
    profile: z.enum(PROFILE_NAMES),
    onConflict: z.enum(CONFLICT_POLICIES),
    removeEmptyFolders: z.boolean(),
    selection: z.union([z.literal('all'), z.array(bookIdSchema).min(1).max(MAX_SEEN_MOVES)]),
    seen: z
      .array(seenMoveSchema)
      .min(1, 'The preview moved no file: there is nothing to rename.')
      .max(
        MAX_SEEN_MOVES,
        `A rename asked offline moves at most ${MAX_SEEN_MOVES} books; rename fewer at a time.`,
      ),
  },
  /** Ask the metadata sources about one book now (a job). */
  lookup: { action: z.literal('lookup'), book: bookIdSchema },
} as const;

export type RequestAction = keyof typeof actions;

const requestIdSchema = z
  .string()
  .regex(
    /^request:[0-9a-z]{10}:[A-Za-z0-9_-]{1,64}:[0-9a-z]{6,16}$/,
    'The id must be request:<time>:<device>:<random>.',
  );

const common = {
  _id: requestIdSchema,
  ...couchFields,
  type: z.literal('request'),
  v: z.literal(REQUEST_DOC_VERSION),
  /** When it was asked, by the device's clock: requests are carried out in this order. */
  at: z.iso.datetime(),
  device: deviceIdSchema,
  deviceName: z.string().min(1).max(100),
};

/**
 * Something an admin asked the agent to do — choose a cover, rename, merge
 * or renumber a series, look a book up — written on a device to their own
 * database, offline or not, and replicated. Written once, never changed. The
 * agent checks it by the rules of the REST route that does the same (see
 * ReplicatedRequests) and carries it out once; a refusal goes back to the
 * device that asked, with why.
 */
export const requestDocSchema = z.discriminatedUnion('action', [
  z.strictObject({ ...common, ...actions.cover }),
  z.strictObject({ ...common, ...actions['series-rename'] }),
  z.strictObject({ ...common, ...actions['series-merge'] }),
  z.strictObject({ ...common, ...actions['series-renumber'] }),
  z.strictObject({ ...common, ...actions.lookup }),
  z.strictObject({ ...common, ...actions.rename }),
]);
export type RequestDoc = z.infer<typeof requestDocSchema>;
/** One request's action and what it names, without the document around it. */
export type RequestBody = RequestDoc extends infer D
  ? D extends RequestDoc
    ? Omit<D, keyof typeof common>
    : never
  : never;

export const requestDocType = defineDocumentType({
  type: 'request',
  version: REQUEST_DOC_VERSION,
  schema: requestDocSchema,
});

export function readRequestDoc(raw: unknown): RequestDoc | undefined {
  return requestDocType.read(raw);
}

/** A new request's id: its time first (base 36, fixed width, so ids sort by time), then device and randomness. */
export function requestDocId(at: Date, device: string, random: string): string {
  return `${REQUEST_PREFIX}${at.getTime().toString(36).padStart(10, '0')}:${device}:${random}`;
}

export interface RequestOrigin {
  at: Date;
  device: string;
  deviceName: string;
  random: string;
}

export function requestDoc(body: RequestBody, origin: RequestOrigin): RequestDoc {
  return {
    ...body,
    _id: requestDocId(origin.at, origin.device, origin.random),
    type: 'request',
    v: REQUEST_DOC_VERSION,
    at: origin.at.toISOString(),
    device: origin.device,
    deviceName: origin.deviceName.slice(0, 100) || 'A device',
  } as RequestDoc;
}
