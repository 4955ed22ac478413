import type { MetadataIndex } from './metadata-index';
import { clean } from '../../metadata/text-values';

const ISO_DATE = /^(\d{4})(-\d{2}(-\d{2})?)?([T ].*)?$/;
const NOT_PUBLICATION = new Set(['modification', 'conversion']);
/** OPF 2 events that date the work, not this edition. */
const WORK_EVENTS = new Set(['original-publication', 'creation']);

interface DatedEvent {
  value: string;
  event: string | undefined;
}

function dates(meta: MetadataIndex): DatedEvent[] {
  return meta
    .dc('date')
    .map((el) => ({ value: clean(el.text), event: el.attributes['event']?.trim().toLowerCase() }))
    .filter((d): d is DatedEvent => plausibleDate(d.value));
}

/**
 * This edition's date (dc:date): an OPF 2 `opf:event="publication"` first,
 * else an undescribed date. An ebook's dc:date is often its release (Standard
 * Ebooks: 2021 for an 1869 novel); the work's own date is readFirstPublished.
 */
export function readPublished(meta: MetadataIndex): string | undefined {
  const all = dates(meta);
  const chosen =
    all.find((d) => d.event === 'publication') ??
    all.find((d) => !d.event) ??
    all.find(
      (d) => d.event !== undefined && !NOT_PUBLICATION.has(d.event) && !WORK_EVENTS.has(d.event),
    );
  return chosen?.value;
}

/**
 * When the work first appeared: an OPF 2 dc:date with `opf:event` "original-publication"
 * or "creation", else EPUB 3's `dcterms:created`.
 */
export function readFirstPublished(meta: MetadataIndex): string | undefined {
  const work = dates(meta).find((d) => d.event !== undefined && WORK_EVENTS.has(d.event));
  if (work) return work.value;
  const created = clean(meta.value('dcterms:created'));
  return created !== undefined && plausibleDate(created) ? created : undefined;
}

/** ISO-shaped and not a tool's placeholder such as calibre's 0101-01-01. */
function plausibleDate(value: string | undefined): boolean {
  const year = value === undefined ? undefined : ISO_DATE.exec(value)?.[1];
  if (year === undefined || value === undefined) return false;
  return Number(year) >= 1000 || !/^\d{4}-01-01/.test(value);
}
