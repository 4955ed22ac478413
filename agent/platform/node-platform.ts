import type { FormatPlatform } from '#core/formats/platform';
import { libarchivePlatform } from './libarchive/index';
import { nodePdfPlatform } from './pdfjs';

/** What the agent lends the core parsers: Node builds of the heavy readers. */
export function nodePlatform(): FormatPlatform {
  return { pdf: nodePdfPlatform(), ...libarchivePlatform() };
}
