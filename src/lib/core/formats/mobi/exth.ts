import type { BookMetadata, Identifier, Person } from '../../metadata/types';
import { isbnCheckDigitValid } from '../../metadata/isbn';
import { cleanText, decodeText, type TextEncoding } from './mobi-header';

/**
 * The EXTH block after the MOBI header: "EXTH", its length, a record count,
 * then records of (type u32, length u32 including these 8 bytes, data).
 */

const EXTH_HEADER_BYTES = 12;
const RECORD_HEADER_BYTES = 8;
const NULL_OFFSET = 0xffffffff;

const TYPE = {
  author: 100,
  publisher: 101,
  description: 103,
  isbn: 104,
  subject: 105,
  published: 106,
  asin: 113,
  kf8Boundary: 121,
  coverOffset: 201,
  thumbnailOffset: 202,
  title: 503,
  language: 524,
} as const;

export interface Exth {
  metadata: BookMetadata;
  /** Cover and thumbnail, as offsets from the first image record. */
  coverOffset?: number;
  thumbnailOffset?: number;
  /** In a joint MOBI 6 + KF8 file, the record holding the KF8 header. */
  kf8Boundary?: number;
  warnings: string[];
}

interface ExthRecord {
  type: number;
  data: Uint8Array;
}

/** Reads the EXTH block that starts at `bytes[0]`; problems become warnings, never exceptions. */
export function readExth(bytes: Uint8Array, encoding: TextEncoding): Exth {
  const warnings: string[] = [];
  const records = readRecords(bytes, warnings);
  const text = (type: number) =>
    records
      .filter((r) => r.type === type)
      .map((r) => cleanText(decodeText(r.data, encoding)))
      .filter((value): value is string => value !== undefined);
  const offset = (type: number) => {
    const data = records.find((r) => r.type === type)?.data;
    if (!data || data.byteLength < 4) return undefined;
    const value = new DataView(data.buffer, data.byteOffset, 4).getUint32(0);
    return value === NULL_OFFSET ? undefined : value;
  };
  const coverOffset = offset(TYPE.coverOffset);
  const thumbnailOffset = offset(TYPE.thumbnailOffset);
  const kf8Boundary = offset(TYPE.kf8Boundary);
  return {
    metadata: toMetadata(text),
    ...(coverOffset !== undefined && { coverOffset }),
    ...(thumbnailOffset !== undefined && { thumbnailOffset }),
    ...(kf8Boundary !== undefined && { kf8Boundary }),
    warnings,
  };
}

/** Every whole record; a record running past the block ends the read with a warning. */
function readRecords(bytes: Uint8Array, warnings: string[]): ExthRecord[] {
  if (bytes.byteLength < EXTH_HEADER_BYTES || ascii(bytes.subarray(0, 4)) !== 'EXTH') {
    warnings.push('The MOBI header announces an EXTH block that is not there.');
    return [];
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getUint32(4);
  const count = view.getUint32(8);
  if (declared > bytes.byteLength) {
    warnings.push(`The EXTH block claims ${declared} bytes but only ${bytes.byteLength} remain.`);
  }
  const end =
    declared >= EXTH_HEADER_BYTES ? Math.min(declared, bytes.byteLength) : bytes.byteLength;
  const records: ExthRecord[] = [];
  let at = EXTH_HEADER_BYTES;
  // Each record takes at least 8 bytes, so `at` bounds the loop whatever `count` says.
  while (records.length < count) {
    if (at + RECORD_HEADER_BYTES > end) {
      warnings.push(`The EXTH block lists ${count} records but holds only ${records.length}.`);
      break;
    }
    const type = view.getUint32(at);
    const length = view.getUint32(at + 4);
    if (length < RECORD_HEADER_BYTES || at + length > end) {
      const problem =
        length < RECORD_HEADER_BYTES
          ? `has an impossible length (${length} bytes)`
          : `claims ${length} bytes, more than the block holds`;
      warnings.push(`EXTH record ${type} ${problem}; it and any after it were ignored.`);
      break;
    }
    records.push({ type, data: bytes.subarray(at + RECORD_HEADER_BYTES, at + length) });
    at += length;
  }
  return records;
}

function toMetadata(text: (type: number) => string[]): BookMetadata {
  const authors = text(TYPE.author).filter(known).flatMap(splitAuthors).map(person);
  const identifiers = unique([
    ...text(TYPE.isbn).flatMap(isbn),
    ...text(TYPE.asin).map((value): Identifier => ({ scheme: 'asin', value })),
  ]);
  const subjects = [
    ...new Set(
      text(TYPE.subject)
        .flatMap((s) => s.split(';'))
        .map((s) => s.trim()),
    ),
  ];
  const metadata: BookMetadata = {
    title: text(TYPE.title)[0],
    authors,
    languages: [...new Set(text(TYPE.language))],
    identifiers,
    publisher: text(TYPE.publisher).filter(known)[0],
    published: text(TYPE.published).find(plausibleDate),
    description: text(TYPE.description)[0],
    subjects: subjects.filter((s) => s !== ''),
  };
  // Only what was found: absent fields and empty lists are left out.
  return Object.fromEntries(
    Object.entries(metadata).filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length)),
  ) as BookMetadata;
}

/** calibre writes "Unknown" when it has no author or publisher; that is not a value. */
function known(value: string): boolean {
  return value.toLowerCase() !== 'unknown';
}

/** One record per author is the rule; "A & B" in one record is two authors, as calibre shows it. */
function splitAuthors(value: string): string[] {
  return value
    .split(/\s+&\s+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

const SUFFIX = /^(jr|sr|[ivx]+|phd|md)\.?$/i;

/** Amazon writes "Last, First"; like calibre, show "First Last" and keep the original to sort by. */
function person(value: string): Person {
  const match = /^([^,]+?)\s*,\s+([^,]+)$/.exec(value);
  if (!match?.[1] || !match[2] || SUFFIX.test(match[2])) return { name: value, roles: ['aut'] };
  return { name: `${match[2]} ${match[1]}`, sortName: value, roles: ['aut'] };
}

function isbn(value: string): Identifier[] {
  const digits = value.replace(/[\s-]/g, '').toUpperCase();
  const shaped = /^\d{9}[\dX]$/.test(digits) || /^\d{13}$/.test(digits);
  return shaped && isbnCheckDigitValid(digits) ? [{ scheme: 'isbn', value: digits }] : [];
}

function unique(identifiers: Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return identifiers.filter(({ scheme, value }) => {
    const key = `${scheme}:${value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** ISO-shaped and not calibre's "no date" placeholder, 0101-01-01. */
function plausibleDate(value: string): boolean {
  const year = /^(\d{4})(-\d{2}(-\d{2})?)?([T ].*)?$/.exec(value)?.[1];
  return year !== undefined && Number(year) >= 1000;
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
