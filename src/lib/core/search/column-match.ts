import { NO_YEAR, type Columns } from './columns';
import { READING_STATUSES } from '../schema/reading-status-doc';
import { isbnForms } from '../metadata/isbn';
import { languageMatches, languageTag } from './language-match';
import { wildcardRegex } from './patterns';
import type { ValueField } from './query-ast';

/**
 * The query terms that read columns, not words: `language:`, `format:`,
 * `status:`, `isbn:`, `year:`, `size:` and `has:`. Each gives one score per
 * slot: 0 for a match (a filter adds no relevance), -1 for none.
 */

function empty(c: Columns): Float32Array {
  return new Float32Array(c.count).fill(-1);
}

export function matchValue(c: Columns, field: ValueField, value: string): Float32Array {
  const acc = empty(c);
  const { alive } = c;
  if (field === 'isbn') {
    const index = c.isbnSlots();
    const re = value.includes('*') ? wildcardRegex(value, '') : undefined;
    const lists = re
      ? [...index].filter(([isbn]) => re.test(isbn)).map(([, slots]) => slots)
      : isbnForms(value).map((f) => index.get(f) ?? []);
    for (const slots of lists) for (const s of slots) if (alive[s]) acc[s] = 0;
    return acc;
  }
  // Which codes of the column's dictionary the value stands for.
  const dict = c.dict[field];
  const asked = field === 'language' ? languageTag(value) : value.toLowerCase();
  const re = asked.includes('*') ? wildcardRegex(asked, 'i') : undefined;
  const allowed = new Uint8Array(dict.size);
  dict.labels.forEach((label, code) => {
    const l = label.toLowerCase();
    const hit = re ? re.test(l) : field === 'language' ? languageMatches(l, asked) : l === asked;
    allowed[code] = hit ? 1 : 0;
  });
  if (field === 'language' || field === 'format') {
    // Several per book: a language each, and a grouped book's every format.
    const { starts, values } = field === 'language' ? c.languages : c.formats;
    for (let s = 0; s < c.count; s++) {
      if (!alive[s]) continue;
      for (let k = starts[s] as number; k < (starts[s + 1] as number); k++) {
        if (allowed[values[k] as number]) {
          acc[s] = 0;
          break;
        }
      }
    }
    return acc;
  }
  const codes = c[field];
  for (let s = 0; s < c.count; s++) if (alive[s] && allowed[codes[s] as number]) acc[s] = 0;
  if (field === 'status') matchReading(c, re ? (l) => re.test(l) : (l) => l === asked, acc);
  return acc;
}

/**
 * `status:` names the file's status (ok, missing, corrupted) or the user's
 * reading status (unread, reading, finished): the words differ, so one field
 * takes both.
 */
function matchReading(c: Columns, hit: (label: string) => boolean, acc: Float32Array): void {
  // Indexed by reading code, which is the index in READING_STATUSES.
  const allowed = READING_STATUSES.map(hit);
  if (!allowed.includes(true)) return;
  const { alive, reading } = c;
  for (let s = 0; s < c.count; s++) if (alive[s] && allowed[reading[s] as number]) acc[s] = 0;
}

/** Inclusive range over the year or size column; books without a year never match. */
export function matchRange(
  c: Columns,
  field: 'year' | 'size',
  min: number,
  max: number,
): Float32Array {
  const acc = empty(c);
  const column = c[field];
  const { alive } = c;
  for (let s = 0; s < c.count; s++) {
    const v = column[s] as number;
    if (alive[s] && v !== NO_YEAR && v >= min && v <= max) acc[s] = 0;
  }
  return acc;
}

export function matchHas(c: Columns, bit: number): Float32Array {
  const acc = empty(c);
  const { alive, presence } = c;
  for (let s = 0; s < c.count; s++) if (alive[s] && (presence[s] as number) & bit) acc[s] = 0;
  return acc;
}
