/**
 * A book as the EPUB writer takes it: what the MOBI readers (kf8-book,
 * mobi6-book, palmdoc-book) make of a file. Hrefs are relative to the
 * package folder, where the chapters and nav.xhtml sit; resources are in
 * `res/`.
 */

export interface EpubMetadata {
  identifier: string;
  title: string;
  authors: string[];
  /** A BCP 47 tag; 'und' when the book does not say. */
  language: string;
  publisher?: string;
  description?: string;
  /** W3C date ("1899", "1899-05", "1899-05-12", or a full timestamp). */
  published?: string;
  /** `dcterms:modified`: the source file's mtime, as CCYY-MM-DDThh:mm:ssZ. */
  modified: string;
}

export interface EpubChapter {
  /** `c0001.xhtml` and so on. */
  fileName: string;
  title: string;
  /** The body's content, sanitised XHTML (see xhtml-body). */
  body: string;
  /** The ids in the body: links into the chapter may name only these. */
  ids: Set<string>;
  /** Style sheets the chapter uses (`res/….css`). */
  stylesheets: string[];
}

export interface EpubResource {
  /** `res/…`. */
  href: string;
  mediaType: string;
  bytes: Uint8Array;
  cover?: boolean;
}

export interface TocEntry {
  label: string;
  /** A chapter's file name, with a fragment when the entry points inside it. */
  href: string;
  children: TocEntry[];
}

export interface EpubBook {
  metadata: EpubMetadata;
  chapters: EpubChapter[];
  resources: EpubResource[];
  toc: TocEntry[];
}

export const RESOURCE_DIR = 'res';

/** The file name of the chapter at `index` (from 0). */
export const chapterFileName = (index: number): string =>
  `c${String(index + 1).padStart(4, '0')}.xhtml`;
