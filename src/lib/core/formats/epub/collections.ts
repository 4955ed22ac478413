import type { BookMetadata, SeriesPosition } from '../../metadata/types';
import type { MetadataIndex } from './metadata-index';
import { clean } from '../../metadata/text-values';

/** EPUB 3 `belongs-to-collection` (the first series one is the series), else calibre's series. */
export function readCollections(meta: MetadataIndex): Pick<BookMetadata, 'series' | 'collections'> {
  const all: SeriesPosition[] = [];
  for (const el of meta.properties('belongs-to-collection')) {
    const name = clean(el.text);
    if (!name) continue;
    const type = meta.refined(el, 'collection-type')[0]?.value.toLowerCase();
    const number = parseSeriesNumber(meta.refined(el, 'group-position')[0]?.value);
    all.push(seriesPosition(name, number, type === 'series' ? 'series' : 'set'));
  }
  const series = all.find((c) => c.kind === 'series') ?? calibreSeries(meta);
  const collections = all.filter((c) => c !== series);
  return { series, collections: collections.length > 0 ? collections : undefined };
}

/** calibre's EPUB 2 convention: `<meta name="calibre:series" content="…"/>`. */
function calibreSeries(meta: MetadataIndex): SeriesPosition | undefined {
  const name = meta.value('calibre:series');
  if (!name) return undefined;
  return seriesPosition(name, parseSeriesNumber(meta.value('calibre:series_index')), 'series');
}

function seriesPosition(
  name: string,
  number: number | undefined,
  kind: SeriesPosition['kind'],
): SeriesPosition {
  return number === undefined ? { name, kind } : { name, number, kind };
}

/** "1", "2.5", "1.0", "2,5" → a number; anything else → undefined. */
export function parseSeriesNumber(text: string | undefined): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed || !/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(trimmed)) return undefined;
  const number = Number(trimmed.replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}
