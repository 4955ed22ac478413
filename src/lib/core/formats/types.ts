import type { FieldCandidate } from '../metadata/types';

export const BOOK_FORMATS = ['epub', 'mobi', 'azw3', 'pdf', 'cbz', 'cbr', 'cb7', 'cbt'] as const;
export type BookFormat = (typeof BOOK_FORMATS)[number];

/** Where a format keeps its cover, for the host to fetch and thumbnail. */
export type CoverRef =
  /** An entry inside an archive (EPUB, CBZ, CBR, …). */
  | { kind: 'entry'; path: string; mediaType?: string }
  /** A PalmDB record (MOBI/AZW3 EXTH 201/202). */
  | { kind: 'record'; index: number }
  /** A page to render (PDF). */
  | { kind: 'page'; page: number };

/** Everything a parser found in one file. The same shape for every format. */
export interface Extraction {
  format: BookFormat;
  candidates: FieldCandidate[];
  cover?: CoverRef;
  /** DRM-marked (MOBI) or encrypted (PDF) files are cataloged, and flagged. */
  flags: { drm?: boolean; encrypted?: boolean };
  /** Things worth telling the user that did not stop the read. */
  warnings: string[];
}
