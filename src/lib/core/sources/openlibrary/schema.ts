import { z } from 'zod';

/**
 * The parts of Open Library's answers Colophon reads. Fields that name the
 * record (key, title) are required; everything else may be missing, as it
 * often is in a catalogue edited by volunteers. Unknown fields are dropped.
 */

/** Text either plain or typed ({type: "/type/text", value}); both occur for one field. */
export const olText = z.union([
  z.string(),
  z.object({ type: z.string().optional(), value: z.string() }),
]);
export type OlText = z.infer<typeof olText>;

const keyRef = z.object({ key: z.string() });
const strings = z.array(z.string());

/** /api/books?jscmd=data: one record per requested bibkey. */
export const olBooksRecord = z.object({
  key: z.string(),
  url: z.string().optional(),
  title: z.string(),
  subtitle: z.string().optional(),
  authors: z.array(z.object({ name: z.string(), url: z.string().optional() })).optional(),
  identifiers: z.record(z.string(), strings).optional(),
  publishers: z.array(z.object({ name: z.string() })).optional(),
  publish_date: z.string().optional(),
  number_of_pages: z.number().optional(),
  subjects: z.array(z.object({ name: z.string() })).optional(),
  cover: z
    .object({ small: z.string(), medium: z.string(), large: z.string() })
    .partial()
    .optional(),
  notes: olText.optional(),
});
export type OlBooksRecord = z.infer<typeof olBooksRecord>;

/** The Books API answer: `{}` when the ISBN is unknown, else `{"ISBN:…": record}`. */
export const olBooksAnswer = z.record(z.string(), olBooksRecord);

/** /books/OL…M.json, and each entry of /works/OL…W/editions.json. */
export const olEdition = z.object({
  key: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  authors: z.array(keyRef).optional(),
  works: z.array(keyRef).optional(),
  languages: z.array(keyRef).optional(),
  publishers: strings.optional(),
  publish_date: z.string().optional(),
  number_of_pages: z.number().optional(),
  physical_format: z.string().optional(),
  isbn_10: strings.optional(),
  isbn_13: strings.optional(),
  description: olText.optional(),
  subjects: strings.optional(),
  covers: z.array(z.number()).optional(),
  series: strings.optional(),
});
export type OlEdition = z.infer<typeof olEdition>;

/** /works/OL…W.json. */
export const olWork = z.object({
  key: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  description: olText.optional(),
  subjects: strings.optional(),
  covers: z.array(z.number()).optional(),
  first_publish_date: z.string().optional(),
  authors: z.array(z.object({ author: keyRef })).optional(),
});
export type OlWork = z.infer<typeof olWork>;

/** /works/OL…W/editions.json. */
export const olEditions = z.object({
  size: z.number().optional(),
  entries: z.array(olEdition),
});

/** One work in /search.json. */
export const olSearchDoc = z.object({
  key: z.string(),
  title: z.string(),
  subtitle: z.string().optional(),
  author_name: strings.optional(),
  first_publish_year: z.number().optional(),
  language: strings.optional(),
  cover_i: z.number().optional(),
  cover_edition_key: z.string().optional(),
  edition_key: strings.optional(),
  publisher: strings.optional(),
  subject: strings.optional(),
  number_of_pages_median: z.number().optional(),
});
export type OlSearchDoc = z.infer<typeof olSearchDoc>;

export const olSearch = z.object({
  numFound: z.number().optional(),
  docs: z.array(olSearchDoc),
});
