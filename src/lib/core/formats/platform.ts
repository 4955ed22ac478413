import type { ArchiveReader } from '../archive/archive';
import type { ByteSource } from '../bytes/byte-source';
import type { PdfPlatform } from './pdf/pdf-platform';

/** Containers the core cannot read by itself; the host opens them (libarchive.js in both hosts). */
export type ArchiveKind = 'rar' | '7z' | 'tar';

/** A cover or page image, as bytes with their media type. */
export interface RasterImage {
  bytes: Uint8Array;
  mediaType: string;
}

/**
 * What a host lends the parsers that need heavy or native code. The core
 * stays free of `node:*` and the DOM; the agent passes Node builds, browser
 * workers pass browser builds. A missing capability makes the formats that
 * need it fail with a clear 'unsupported-format' error, nothing worse.
 */
export interface FormatPlatform {
  /** Opens RAR, 7z and tar archives (CBR, CB7, CBT). */
  openArchive?(source: ByteSource, kind: ArchiveKind): Promise<ArchiveReader>;
  /** pdf.js, and a canvas for page-1 covers (PDF). */
  pdf?: PdfPlatform;
}
