import { z } from 'zod';

/**
 * Comic Vine's JSON answers, as its API documentation describes them
 * (comicvine.gamespot.com/api/documentation): every answer is an envelope
 * whose `status_code` is 1 when all went well, else `error` says why; the
 * records are in `results`. Numbers that are ids are numbers; issue numbers
 * and start years are strings, and many fields may be null.
 */

/** Status codes of the envelope (the API's documentation lists them). */
export const CV_STATUS = {
  ok: 1,
  invalidKey: 100,
  notFound: 101,
  urlFormat: 102,
  filterError: 104,
  rateLimited: 107,
} as const;

export const cvEnvelope = z.object({
  status_code: z.number(),
  error: z.string(),
  number_of_total_results: z.number().optional(),
  results: z.unknown(),
});

const image = z
  .object({
    original_url: z.string().nullable(),
    super_url: z.string().nullable(),
    medium_url: z.string().nullable(),
    small_url: z.string().nullable(),
  })
  .partial();
export type CvImage = z.infer<typeof image>;

const ref = z.object({ id: z.number(), name: z.string().nullable().optional() });

export const cvVolume = z.object({
  id: z.number(),
  name: z.string(),
  start_year: z.string().nullable().optional(),
  publisher: ref.nullable().optional(),
  count_of_issues: z.number().nullable().optional(),
  /** What the whole run is about (HTML), and its one-line deck. */
  description: z.string().nullable().optional(),
  deck: z.string().nullable().optional(),
  image: image.nullable().optional(),
  site_detail_url: z.string().nullable().optional(),
});
export type CvVolume = z.infer<typeof cvVolume>;

export const cvIssue = z.object({
  id: z.number(),
  name: z.string().nullable().optional(),
  issue_number: z.string().nullable().optional(),
  cover_date: z.string().nullable().optional(),
  store_date: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  deck: z.string().nullable().optional(),
  volume: ref.nullable().optional(),
  image: image.nullable().optional(),
  site_detail_url: z.string().nullable().optional(),
  /** Only in an issue's own record (/issue/4000-…/), not in lists. */
  person_credits: z
    .array(z.object({ name: z.string(), role: z.string().nullable().optional() }))
    .nullable()
    .optional(),
});
export type CvIssue = z.infer<typeof cvIssue>;

export const cvVolumes = z.array(cvVolume);
export const cvIssues = z.array(cvIssue);

/**
 * True for an answer worth caching: a good envelope. An error envelope (a
 * refused key, a rate limit) must not be served again for an hour, least of
 * all after the user has fixed the key.
 */
export function comicVineAnswerOk(json: unknown): boolean {
  const envelope = cvEnvelope.safeParse(json);
  return envelope.success && envelope.data.status_code === CV_STATUS.ok;
}
