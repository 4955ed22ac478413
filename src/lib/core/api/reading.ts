import { z } from 'zod';
import { route } from './route';

/** A comic's pages as the reader needs them: how many, their names, the reading direction. */
export const comicPagesSchema = z.object({
  /** Entry names in reading order (the index of a name is its page number, from 0). */
  pages: z.array(z.object({ name: z.string(), size: z.number() })),
  /** ComicInfo says `Manga=YesAndRightToLeft`: pages turn right to left. */
  rightToLeft: z.boolean(),
});
export type ComicPages = z.infer<typeof comicPagesSchema>;

/** What the in-app reader asks the agent for, beyond the book file itself (see FILES.book). */
export const READING = {
  /** A comic's page list (CBZ, CBR, CB7, CBT and the image archives the scan accepts). */
  pages: route({ method: 'GET', path: '/api/books/:id/pages', response: comicPagesSchema }),
  /** One page's image, by its index in reading order: the archive is never sent whole. */
  page: route({
    method: 'GET',
    path: '/api/books/:id/pages/:index',
    params: z.object({ id: z.string(), index: z.coerce.number().int().min(0) }),
  }),
  /** A MOBI or AZW3 book as EPUB, for the EPUB reader: converted once, kept in the data dir. */
  epub: route({ method: 'GET', path: '/api/books/:id/epub' }),
};

/** Where the reader fetches a comic's page list, a page, or a MOBI's EPUB. */
export function comicPagesUrl(bookId: string): string {
  return `/api/books/${encodeURIComponent(bookId)}/pages`;
}
export function comicPageUrl(bookId: string, index: number): string {
  return `/api/books/${encodeURIComponent(bookId)}/pages/${index}`;
}
export function convertedEpubUrl(bookId: string): string {
  return `/api/books/${encodeURIComponent(bookId)}/epub`;
}
