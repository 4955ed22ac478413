/**
 * One book of a Calibre library as its metadata.db holds it: the facts as
 * Calibre stores them, before they become merge candidates
 * (calibre-values.ts). The agent reads them; core maps them.
 */
export interface CalibreBook {
  /** books.id */
  id: number;
  uuid?: string;
  title: string;
  /** books.sort: the title as it sorts ("Time Machine, The"). */
  sort?: string;
  /** books.path: the book's folder below the library root ("Author/Title (12)"). */
  path: string;
  /** In Calibre's order, each with its authors.sort ("Wells, H. G."). */
  authors: { name: string; sort?: string }[];
  series?: { name: string; index: number };
  tags: string[];
  publisher?: string;
  /** books.pubdate as stored ("2019-12-09 23:34:13+00:00"; year 101 means unset). */
  pubdate?: string;
  /** ISO 639-2/3 codes, in Calibre's order ("eng"). */
  languages: string[];
  /** identifiers.type → identifiers.val ("isbn", "amazon", "goodreads", …). */
  identifiers: { type: string; value: string }[];
  /** comments.text: HTML as Calibre keeps it. */
  comments?: string;
  /** ratings.rating: 0–10, two per star. */
  rating?: number;
  /** The data table: one row per format, the file named `name`.`format` in lower case. */
  formats: CalibreFormat[];
  /** books.has_cover: a cover.jpg beside the files. */
  hasCover: boolean;
}

export interface CalibreFormat {
  /** "EPUB", "MOBI", "PDF", … as Calibre writes it. */
  format: string;
  /** The file name without its extension. */
  name: string;
}

/** Where a format's file is, below the library root: `path/name.format`, the extension lower case. */
export function formatPath(book: Pick<CalibreBook, 'path'>, format: CalibreFormat): string {
  return `${book.path}/${format.name}.${format.format.toLowerCase()}`;
}
