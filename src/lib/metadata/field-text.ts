import type { BookMetadata, MetadataField } from '#core/metadata/types';

/** How a field's value reads in one line. */
export function fieldText(field: MetadataField, value: unknown): string {
  if (value === undefined || value === null) return '';
  const m = { [field]: value } as BookMetadata;
  switch (field) {
    case 'authors':
    case 'contributors':
      return (m[field] ?? []).map((p) => p.name).join(', ');
    case 'identifiers':
      return (m.identifiers ?? []).map((i) => `${i.scheme}:${i.value}`).join(', ');
    case 'series':
      return m.series?.name
        ? `${m.series.name}${m.series.number !== undefined ? ` #${m.series.number}` : ''}`
        : '(none)';
    case 'collections':
      return (m.collections ?? []).map((c) => c.name).join(', ');
    case 'languages':
    case 'subjects':
      return (m[field] ?? []).join(', ');
    default:
      return String(value);
  }
}

/**
 * The value a user typed for a field, from the one-line form above; an error
 * message when it cannot be one.
 */
export function parseFieldText(
  field: MetadataField,
  text: string,
): { value: unknown } | { error: string } {
  const list = () =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  switch (field) {
    case 'authors':
    case 'contributors':
      return {
        value: list().map((name) => ({ name, roles: [field === 'authors' ? 'aut' : 'ctb'] })),
      };
    case 'languages':
    case 'subjects':
      return { value: list() };
    case 'identifiers': {
      const ids = list().map((part) => {
        const [scheme, ...rest] = part.split(':');
        return {
          scheme: (rest.length ? scheme : 'isbn')?.trim().toLowerCase(),
          value: (rest.length ? rest.join(':') : part).trim(),
        };
      });
      return { value: ids };
    }
    case 'series': {
      if (!text.trim() || text.trim() === '(none)') return { value: { name: '', kind: 'series' } };
      const match = /^(.*?)(?:\s*#\s*(-?\d+(?:\.\d+)?))?$/.exec(text.trim());
      const name = match?.[1]?.trim() ?? '';
      const number = match?.[2] !== undefined ? Number(match[2]) : undefined;
      return { value: { name, kind: 'series', ...(number !== undefined ? { number } : {}) } };
    }
    case 'rating': {
      const n = Number(text.trim().replace(',', '.'));
      return text.trim() !== '' && n >= 0.5 && n <= 5 && Number.isInteger(n * 2)
        ? { value: n }
        : { error: 'A rating is 0.5 to 5 stars, in halves (4, 3.5).' };
    }
    case 'pageCount': {
      const n = Number(text);
      return Number.isInteger(n) && n > 0
        ? { value: n }
        : { error: 'A page count is a whole number above 0.' };
    }
    case 'collections':
      return { value: list().map((name) => ({ name, kind: 'set' })) };
    default:
      return text.trim()
        ? { value: text.trim() }
        : { error: 'Type a value, or go back to automatic.' };
  }
}

/** A rating as stars: "★★★★½" for 4.5 of 5. */
export function ratingStars(rating: number): string {
  const full = Math.floor(rating);
  return `${'★'.repeat(full)}${rating - full >= 0.5 ? '½' : ''}`;
}
