import type { FormatPlatform } from '#core/formats/platform';
import { libarchivePlatform } from './libarchive/index';
import { nodePdfPlatform } from './pdfjs';

/**
 * What the agent lends the core parsers: Node builds of the heavy readers.
 * `keepWorkers` is for reader processes (see LibarchiveOptions.keepWorker).
 */
export function nodePlatform(options: { keepWorkers?: boolean } = {}): FormatPlatform {
  return { pdf: nodePdfPlatform(), ...libarchivePlatform({ keepWorker: options.keepWorkers }) };
}
