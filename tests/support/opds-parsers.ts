import { DOMParser } from '@xmldom/xmldom';
import { TaJsonDeserialize, TaJsonSerialize } from 'r2-lcp-js/dist/es8-es2017/src/serializable';
import { convertOpds1ToOpds2 } from 'r2-opds-js/dist/es8-es2017/src/opds/converter';
import {
  initGlobalConverters_GENERIC,
  initGlobalConverters_OPDS,
} from 'r2-opds-js/dist/es8-es2017/src/opds/init-globals';
import { OPDS } from 'r2-opds-js/dist/es8-es2017/src/opds/opds1/opds';
import { OPDSFeed } from 'r2-opds-js/dist/es8-es2017/src/opds/opds2/opds2';
import { XML } from 'r2-utils-js/dist/es8-es2017/src/_utils/xml-js-mapper';
import { z } from 'zod';

/**
 * Readium's OPDS parsers (r2-opds-js, what Thorium reads catalogs with), as
 * a reading app would run them on the agent's feeds: OPDS 1.2 read from the
 * Atom and converted to OPDS 2.0, OPDS 2.0 read from its JSON. Both give the
 * same model, in OPDS 2.0's JSON shape (TaJsonSerialize) for tests to read.
 */
initGlobalConverters_OPDS();
initGlobalConverters_GENERIC();

/** An OPDS 2.0 feed as Readium's model serialises it. */
export interface ParsedLink {
  href: string;
  type?: string;
  rel?: string | string[];
  title?: string;
  templated?: boolean;
  properties?: Record<string, unknown>;
}
export interface ParsedPublication {
  metadata: Record<string, unknown> & { title: string };
  links: ParsedLink[];
  images?: ParsedLink[];
}
export interface ParsedFeed {
  metadata: Record<string, unknown> & { title: string };
  links: ParsedLink[];
  navigation?: ParsedLink[];
  publications?: ParsedPublication[];
}

export function parseOpds1(xml: string): ParsedFeed {
  const errors: string[] = [];
  const dom = new DOMParser({
    errorHandler: (level: string, message: unknown) => {
      if (level !== 'warning') errors.push(String(message));
    },
  }).parseFromString(xml, 'application/xml');
  if (errors.length) throw new Error(`Not well-formed XML: ${errors.join('; ')}`);
  const opds1 = XML.deserialize<OPDS>(dom, OPDS);
  return TaJsonSerialize(convertOpds1ToOpds2(opds1)) as unknown as ParsedFeed;
}

export function parseOpds2(json: unknown): ParsedFeed {
  return TaJsonSerialize(TaJsonDeserialize<OPDSFeed>(json, OPDSFeed)) as unknown as ParsedFeed;
}

const ACQUISITION = 'http://opds-spec.org/acquisition';
const IMAGE_TYPES = [
  'image/jpeg',
  'image/webp',
  'image/avif',
  'image/png',
  'image/jxl',
  'image/gif',
];
const hasRel = (link: { rel?: string | string[] }, rel: string) =>
  Array.isArray(link.rel) ? link.rel.includes(rel) : link.rel === rel;

const link = z.object({
  href: z.string().min(1),
  type: z.string().optional(),
  rel: z.union([z.string(), z.array(z.string())]).optional(),
  title: z.string().optional(),
  templated: z.boolean().optional(),
});
const bcp47 = z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/);
const contributor = z.union([
  z.string(),
  z.array(z.union([z.string(), z.object({ name: z.string() }).loose()])),
  z.object({ name: z.string() }).loose(),
]);

const publication = z.object({
  metadata: z
    .object({
      title: z.string().min(1),
      '@type': z.url().optional(),
      identifier: z
        .string()
        .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'a URI')
        .optional(),
      language: z.union([bcp47, z.array(bcp47)]).optional(),
      modified: z.iso.datetime().optional(),
      published: z.union([z.iso.date(), z.iso.datetime()]).optional(),
      author: contributor.optional(),
      numberOfPages: z.number().int().positive().optional(),
    })
    .loose(),
  links: z
    .array(link)
    .refine((links) => links.some((l) => hasRel(l, ACQUISITION)), 'no acquisition link'),
  images: z
    .array(link)
    .min(1, 'no image')
    .refine(
      (images) => images.some((i) => IMAGE_TYPES.includes(i.type ?? '')),
      'no image of a type OPDS 2.0 allows',
    ),
});

/**
 * The rules of the OPDS 2.0 feed and publication schemas
 * (drafts.opds.io/schema/feed.schema.json and publication.schema.json, with
 * the Readium Web Publication Manifest's metadata they refer to), written out
 * here: a title, a self link, publications or navigation (at least one, each
 * navigation link with a title), and each publication with an acquisition
 * link and an image.
 */
export const opds2FeedSchema = z
  .object({
    metadata: z
      .object({
        title: z.string().min(1),
        numberOfItems: z.number().int().min(0).optional(),
        itemsPerPage: z.number().int().positive().optional(),
        currentPage: z.number().int().positive().optional(),
      })
      .loose(),
    links: z
      .array(link)
      .min(1)
      .refine((links) => links.some((l) => hasRel(l, 'self')), 'no self link')
      .refine(
        (links) => new Set(links.map((l) => JSON.stringify(l))).size === links.length,
        'links repeat',
      ),
    navigation: z
      .array(link.extend({ title: z.string().min(1) }))
      .min(1)
      .optional(),
    publications: z.array(publication).min(1).optional(),
  })
  .refine((feed) => feed.navigation || feed.publications, 'neither navigation nor publications');
