import { z } from 'zod';

/**
 * The parts of Google Books answers Colophon reads (volumes list and volume
 * detail share the volume shape). Unknown fields are dropped.
 */

export const gbImageLinks = z
  .object({
    smallThumbnail: z.string(),
    thumbnail: z.string(),
    small: z.string(),
    medium: z.string(),
    large: z.string(),
    extraLarge: z.string(),
  })
  .partial();
export type GbImageLinks = z.infer<typeof gbImageLinks>;

export const gbVolume = z.object({
  id: z.string(),
  volumeInfo: z.object({
    title: z.string().optional(),
    subtitle: z.string().optional(),
    authors: z.array(z.string()).optional(),
    publisher: z.string().optional(),
    publishedDate: z.string().optional(),
    description: z.string().optional(),
    industryIdentifiers: z.array(z.object({ type: z.string(), identifier: z.string() })).optional(),
    pageCount: z.number().optional(),
    printType: z.string().optional(),
    categories: z.array(z.string()).optional(),
    imageLinks: gbImageLinks.optional(),
    language: z.string().optional(),
  }),
  saleInfo: z.object({ isEbook: z.boolean().optional() }).optional(),
});
export type GbVolume = z.infer<typeof gbVolume>;

/** volumes?q=…: no `items` at all when nothing matched. */
export const gbVolumes = z.object({
  kind: z.literal('books#volumes'),
  totalItems: z.number(),
  items: z.array(gbVolume).optional(),
});
