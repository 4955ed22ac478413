import type { SeriesPosition } from '../../metadata/types';
import { parseNumeral } from '../../metadata/path/series-number';
import { titleKey } from './text';

/**
 * A series name's key: a title key ("The Expanse" = "Expanse",
 * "Ender’s Saga" = "Enders Saga"), a trailing "series" or "(series)" dropped.
 */
export function seriesNameKey(name: string): string {
  return titleKey(name).replace(/ series$/, '');
}

/**
 * A series position as a decimal: numbers as they are (to four places, so
 * 2.4999999 from a float source is 2.5), strings in figures ("03", "2.5",
 * "2,5", "1½", "#4", "-1"). Undefined when it is no number.
 */
export function seriesNumber(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const rounded = Math.round(value * 10_000) / 10_000;
    return Object.is(rounded, -0) ? 0 : rounded;
  }
  const text = value
    .trim()
    .replace(/^#\s*/, '')
    .replace(/^(\d+),(\d+)$/, '$1.$2');
  const numeral = parseNumeral(text);
  return numeral === undefined ? undefined : seriesNumber(numeral.value);
}

/** A position's key: name key and number; "name#" when the number is unknown. */
export function seriesKey(position: SeriesPosition): string | undefined {
  const name = seriesNameKey(position.name);
  if (name === '') return undefined;
  return `${name}#${seriesNumber(position.number) ?? ''}`;
}

/** True when `coarse` is a number-less key for the same series as `fine`. */
export function seriesRefines(fine: string, coarse: string): boolean {
  return coarse.endsWith('#') && fine !== coarse && fine.startsWith(coarse);
}
