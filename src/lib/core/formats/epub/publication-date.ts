import type { MetadataIndex } from './metadata-index';
import { clean } from '../../metadata/text-values';

const ISO_DATE = /^(\d{4})(-\d{2}(-\d{2})?)?([T ].*)?$/;
const NOT_PUBLICATION = new Set(['modification', 'conversion']);

/** dc:date: an OPF 2 `opf:event="publication"` first, else an undescribed date. */
export function readPublished(meta: MetadataIndex): string | undefined {
  const dates = meta
    .dc('date')
    .map((el) => ({ value: clean(el.text), event: el.attributes['event']?.trim().toLowerCase() }))
    .filter((d): d is { value: string; event: string | undefined } => plausibleDate(d.value));
  const chosen =
    dates.find((d) => d.event === 'publication' || d.event === 'original-publication') ??
    dates.find((d) => !d.event) ??
    dates.find((d) => d.event !== undefined && !NOT_PUBLICATION.has(d.event));
  return chosen?.value;
}

/** ISO-shaped and not a tool's placeholder such as calibre's 0101-01-01. */
function plausibleDate(value: string | undefined): boolean {
  const year = value === undefined ? undefined : ISO_DATE.exec(value)?.[1];
  if (year === undefined || value === undefined) return false;
  return Number(year) >= 1000 || !/^\d{4}-01-01/.test(value);
}
