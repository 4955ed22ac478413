import type { FormatPlatform } from '#core/formats/platform';
import { blobBehind } from '../fs/blob-source';
import { libarchivePlatform } from './libarchive/index';
import { browserPdfPlatform } from './pdf-browser';

/** What a reader worker lends the core parsers: browser builds of pdf.js and libarchive. */
export function browserPlatform(): FormatPlatform {
  return { pdf: browserPdfPlatform(), ...libarchivePlatform(blobBehind) };
}
