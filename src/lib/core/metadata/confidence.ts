import type { Origin } from './types';

/**
 * How far each origin is believed before any source trust is applied. Values a
 * publisher wrote into a structured record beat loose document properties,
 * which beat guesses from the path.
 */
export const ORIGIN_CONFIDENCE: Record<Origin, number> = {
  'embedded:opf': 0.8,
  'embedded:comicinfo': 0.8,
  'embedded:metroninfo': 0.8,
  'embedded:comet': 0.75,
  'embedded:comicbookinfo': 0.75,
  'embedded:exth': 0.75,
  'embedded:mobi-header': 0.6,
  'embedded:xmp': 0.6,
  'embedded:pdf-info': 0.5,
  filename: 0.3,
  folder: 0.2,
};
