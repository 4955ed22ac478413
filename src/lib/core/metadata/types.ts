/**
 * The metadata vocabulary every format parser, external source and the user's
 * own edits speak. Values are facts as found; normalisation and the choice
 * between candidates happen later (see resolve.ts, and merge in #5).
 */

/** A person credited on a book. Roles are MARC relator codes (aut, trl, edt, ill, …). */
export interface Person {
  name: string;
  /** "Last, First" as the source gave it (OPF file-as), when it gave one. */
  sortName?: string;
  roles: string[];
}

export type IdentifierScheme =
  'isbn' | 'asin' | 'uuid' | 'uri' | 'doi' | 'issn' | 'gtin' | 'comicvine' | 'other';

export interface Identifier {
  scheme: IdentifierScheme;
  value: string;
}

/** A book's place in a series (kind 'series') or in a curated set (kind 'set'). */
export interface SeriesPosition {
  name: string;
  /** Decimal position: 1, 2.5, 0 and negatives for prequels. */
  number?: number;
  kind: 'series' | 'set';
  /** Comics: the issue as printed ("#1.MU", "Annual 1", "One-shot"); see formats/comic/issue-number.ts. */
  issue?: string;
  /** Comics: which kind of set this is (ComicInfo StoryArc or SeriesGroup); other sets have none. */
  group?: 'story-arc' | 'series-group';
}

export interface BookMetadata {
  title?: string;
  subtitle?: string;
  /** The title as it sorts ("Time Machine, The"), when a source gave one. */
  sortTitle?: string;
  /** Primary creators, in the order the source lists them. */
  authors?: Person[];
  /** Everyone else credited: translators, editors, illustrators, … */
  contributors?: Person[];
  /** Language tags as found (BCP 47 or ISO 639); normalised at merge time. */
  languages?: string[];
  identifiers?: Identifier[];
  publisher?: string;
  /** Comics: the publisher's imprint ("Vertigo" of DC Comics), when a source names one apart. */
  imprint?: string;
  /**
   * This edition's publication date as found: ISO 8601, full or partial
   * ("1895", "1895-05"). For an ebook often its release (Standard Ebooks:
   * 2021 for an 1869 novel).
   */
  published?: string;
  /**
   * When the work first appeared, in any edition ("1869"): Open Library's
   * first_publish_year, an OPF date marked original-publication or creation,
   * dcterms:created. Optional: books cataloged before it existed lack it.
   */
  firstPublished?: string;
  modified?: string;
  /** Plain text or HTML as found; always rendered as text or sanitised. */
  description?: string;
  subjects?: string[];
  /** Comics: the age rating as the tagger wrote it ("Teen", "Mature 17+"). */
  ageRating?: string;
  series?: SeriesPosition;
  /** Comics: what the series (the run) is about, as a source describes the whole run. */
  seriesDescription?: string;
  /** Comics: the year the run started, as a source that knows the whole run says it. */
  seriesStartYear?: number;
  /** Curated sets the book belongs to (EPUB 3 collection-type="set"), not series. */
  collections?: SeriesPosition[];
  pageCount?: number;
  /** How the user rated the book: stars out of 5, halves allowed (Calibre's 0–10, halved). */
  rating?: number;
}

export type MetadataField = keyof BookMetadata;

/**
 * Where a value came from. `embedded:*` is inside the file; `filename` and
 * `folder` are guesses from the path; sources and the user come in #5.
 */
export type Origin =
  | 'embedded:opf'
  | 'embedded:exth'
  | 'embedded:mobi-header'
  | 'embedded:pdf-info'
  | 'embedded:xmp'
  | 'embedded:comicinfo'
  | 'embedded:metroninfo'
  | 'embedded:comet'
  | 'embedded:comicbookinfo'
  | 'filename'
  | 'folder';

/** One value for one field, with its origin and how much that origin is to be believed (0–1). */
export type FieldCandidate = {
  [K in MetadataField]: {
    field: K;
    value: NonNullable<BookMetadata[K]>;
    origin: Origin;
    confidence: number;
  };
}[MetadataField];

/** Makes a candidate with the field/value pairing checked by the compiler. */
export function candidate<K extends MetadataField>(
  field: K,
  value: NonNullable<BookMetadata[K]>,
  origin: Origin,
  confidence: number,
): FieldCandidate {
  return { field, value, origin, confidence } as FieldCandidate;
}
