/**
 * Values of the numeric fields: years and sizes, alone or as ranges
 * (`1900..1950`, `1900..`, `..1950`, `>5MB`, `>=5MB`, `<1GB`, `<=1GB`).
 */

export type ValueResult =
  | { ok: true; min: number; max: number }
  /** `offset` is where in the value the problem is; `hint` says what would do. */
  | { ok: false; message: string; offset: number; hint?: string };

/** Decimal units, as file managers show sizes; binary ones when asked for by name. */
const UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

interface Parsed {
  value: number;
  /** Half of the precision the value was written with, in the value's own scale (5.2MB → 0.05MB). */
  halfStep: number;
}

type One =
  { ok: true; parsed: Parsed } | { ok: false; message: string; offset: number; hint?: string };

function parseYear(text: string): One {
  if (!/^[+-]?\d{1,4}$/.test(text)) {
    return {
      ok: false,
      message: 'Expected a year',
      offset: 0,
      hint: 'try 1950, 1900..1950 or >2000',
    };
  }
  return { ok: true, parsed: { value: Number(text), halfStep: 0 } };
}

function parseSize(text: string): One {
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)$/i.exec(text);
  if (!m)
    return {
      ok: false,
      message: 'Expected a size',
      offset: 0,
      hint: 'try 5MB, 1MB..10MB or >500KB',
    };
  const number = m[1] as string;
  const unitText = (m[2] as string).toLowerCase();
  const unit = unitText ? UNITS[unitText] : 1;
  if (unit === undefined) {
    return {
      ok: false,
      message: `Unknown size unit "${m[2]}"`,
      offset: number.length,
      hint: 'use KB, MB or GB',
    };
  }
  const decimals = number.includes('.') ? number.length - number.indexOf('.') - 1 : 0;
  return {
    ok: true,
    // Bytes are exact; "5MB" is what shows as 5 MB.
    parsed: {
      value: Math.round(Number(number) * unit),
      halfStep: unit === 1 ? 0 : (unit * 10 ** -decimals) / 2,
    },
  };
}

function range(text: string, one: (t: string) => One, exactIsRounded: boolean): ValueResult {
  const comparison = /^(>=|<=|>|<|=)/.exec(text);
  if (comparison) {
    const op = comparison[1] as string;
    const r = one(text.slice(op.length));
    if (!r.ok) return { ...r, offset: r.offset + op.length };
    const v = r.parsed.value;
    switch (op) {
      case '>':
        return { ok: true, min: nextUp(v), max: Infinity };
      case '>=':
        return { ok: true, min: v, max: Infinity };
      case '<':
        return { ok: true, min: -Infinity, max: nextDown(v) };
      case '<=':
        return { ok: true, min: -Infinity, max: v };
      default:
        return { ok: true, min: v, max: v };
    }
  }
  const dots = text.indexOf('..');
  if (dots >= 0) {
    const lowText = text.slice(0, dots);
    const highText = text.slice(dots + 2);
    if (!lowText && !highText) {
      return {
        ok: false,
        message: 'A range needs a number on at least one side of ".."',
        offset: 0,
      };
    }
    const low = lowText ? one(lowText) : undefined;
    if (low && !low.ok) return low;
    const high = highText ? one(highText) : undefined;
    if (high && !high.ok) return { ...high, offset: high.offset + dots + 2 };
    const min = low?.ok ? low.parsed.value : -Infinity;
    const max = high?.ok ? high.parsed.value : Infinity;
    if (min > max)
      return { ok: false, message: `The range ${text} starts after it ends`, offset: 0 };
    return { ok: true, min, max };
  }
  const r = one(text);
  if (!r.ok) return r;
  // "5.2MB" means what a file manager would show as 5.2 MB: 5.15 MB up to (not including) 5.25 MB.
  const { value, halfStep } = r.parsed;
  if (exactIsRounded && halfStep > 0)
    return { ok: true, min: value - halfStep, max: nextDown(value + halfStep) };
  return { ok: true, min: value, max: value };
}

function nextUp(v: number): number {
  return Number.isInteger(v) ? v + 1 : v + Number.EPSILON * Math.max(1, Math.abs(v));
}

function nextDown(v: number): number {
  return Number.isInteger(v) ? v - 1 : v - Number.EPSILON * Math.max(1, Math.abs(v));
}

export function parseYearRange(text: string): ValueResult {
  return range(text, parseYear, false);
}

export function parseSizeRange(text: string): ValueResult {
  return range(text, parseSize, true);
}
