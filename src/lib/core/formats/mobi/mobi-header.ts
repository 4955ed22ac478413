import { BookFormatError } from '../../errors';
import type { PalmDbKind } from './palmdb';

/**
 * Record 0 of a Mobipocket book: a 16-byte PalmDOC header, then (in every
 * BOOKMOBI file, never in plain PalmDOC) a MOBI header, then the EXTH block.
 * Offsets below are from the start of the record.
 */

const PALMDOC_HEADER_BYTES = 16;
const NULL_INDEX = 0xffffffff;
const EXTH_FLAG = 0x40;

export type TextEncoding = 'windows-1252' | 'utf-8';

export interface MobiHeader {
  /** MOBI type: 2 a book, 3 a PalmDOC book, 0x101+ periodicals. */
  type: number;
  /** File format version: 6 for MOBI, 8 for a KF8 (AZW3) header. */
  version: number;
  encoding: TextEncoding;
  /** The book's full title. */
  fullName?: string;
  /** A language tag from the Windows locale code (e.g. "en-US"). */
  language?: string;
  /** The record of the first image; cover offsets (EXTH 201/202) count from here. */
  firstImageIndex?: number;
  /** The bytes after the MOBI header, where the EXTH block is, when the EXTH flag is set. */
  exth?: Uint8Array;
}

export interface Record0 {
  /** 1 none, 2 PalmDOC, 17480 HUFF/CDIC. */
  compression: number;
  /** 0 none, 1 old Mobipocket, 2 Mobipocket DRM. */
  encryption: number;
  /** Absent in plain PalmDOC books, whose text is cp1252. */
  mobi?: MobiHeader;
  warnings: string[];
}

/** Parses record 0; throws BookFormatError when it is too small to be one. */
export function parseRecord0(record: Uint8Array, kind: PalmDbKind): Record0 {
  if (record.byteLength < PALMDOC_HEADER_BYTES) {
    throw new BookFormatError(
      'corrupt',
      `The MOBI file is damaged: its first record is ${record.byteLength} bytes, ` +
        `too small for the ${PALMDOC_HEADER_BYTES}-byte PalmDOC header.`,
    );
  }
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const compression = view.getUint16(0);
  const encryption = view.getUint16(12);
  const warnings: string[] = [];
  const hasMobi = record.byteLength >= 24 && ascii(record, 16, 4) === 'MOBI';
  // Old-DRM and plain PalmDOC books have no MOBI header; a BOOKMOBI one should.
  if (!hasMobi && kind === 'BOOKMOBI' && encryption === 0) {
    warnings.push('The book has no MOBI header; only its PalmDB name was read.');
  }
  const mobi = hasMobi ? parseMobiHeader(record, view, warnings) : undefined;
  return { compression, encryption, ...(mobi && { mobi }), warnings };
}

function parseMobiHeader(record: Uint8Array, view: DataView, warnings: string[]): MobiHeader {
  const declared = view.getUint32(20);
  // Fields beyond the declared header, or beyond the record, are absent.
  const end = Math.min(PALMDOC_HEADER_BYTES + declared, record.byteLength);
  if (PALMDOC_HEADER_BYTES + declared > record.byteLength) {
    warnings.push(
      `The MOBI header claims ${declared} bytes but its record holds ` +
        `${record.byteLength - PALMDOC_HEADER_BYTES}; fields past the end were ignored.`,
    );
  }
  const u32 = (at: number): number | undefined => (at + 4 <= end ? view.getUint32(at) : undefined);

  const codepage = u32(28);
  const encoding = encodingOf(codepage);
  if (codepage !== undefined && codepage !== 1252 && codepage !== 65001) {
    warnings.push(`Unknown text encoding ${codepage}; read as Windows-1252.`);
  }
  const fullName = readFullName(record, u32(84), u32(88), encoding, warnings);
  const language = languageTag(u32(92));
  const firstImage = u32(108);
  const exthFlags = u32(128) ?? 0;
  // Past the record, the header-length warning above has already said why.
  const exthStart = PALMDOC_HEADER_BYTES + declared;
  const exth =
    exthFlags & EXTH_FLAG && exthStart <= record.byteLength
      ? record.subarray(exthStart)
      : undefined;
  return {
    type: u32(24) ?? 0,
    version: u32(36) ?? 0,
    encoding,
    ...(fullName && { fullName }),
    ...(language && { language }),
    ...(firstImage !== undefined && firstImage !== NULL_INDEX && { firstImageIndex: firstImage }),
    ...(exth && { exth }),
  };
}

function encodingOf(codepage: number | undefined): TextEncoding {
  return codepage === 65001 ? 'utf-8' : 'windows-1252';
}

function readFullName(
  record: Uint8Array,
  offset: number | undefined,
  length: number | undefined,
  encoding: TextEncoding,
  warnings: string[],
): string | undefined {
  if (offset === undefined || length === undefined || length === 0) return undefined;
  if (offset + length > record.byteLength) {
    warnings.push('The full title points outside its record and was ignored.');
    return undefined;
  }
  return cleanText(decodeText(record.subarray(offset, offset + length), encoding));
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

// ── Text ────────────────────────────────────────────────────────────────────

/** Decodes text in a MOBI header's encoding. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : decodeCp1252(bytes);
}

/** NULs (padding) stripped, whitespace trimmed; undefined when nothing is left. */
export function cleanText(text: string): string | undefined {
  const clean = text.replaceAll('\0', '').trim();
  return clean === '' ? undefined : clean;
}

// What 0x80–0x9F mean in Windows-1252 (the rest is Latin-1). Decoded by hand:
// Node ≥ 20.18.3 decodes 'windows-1252' as Latin-1 (nodejs/node#60888).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeCp1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (const byte of bytes) {
    chars.push(
      String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte),
    );
  }
  return chars.join('');
}

// ── Language ────────────────────────────────────────────────────────────────

// Windows primary language ids 0x01–0x64 (the low byte of the locale), in order, as ISO 639 codes.
const LANGUAGES = (
  'ar bg ca zh cs da de el en es fi fr he hu is it ja ko nl no pl pt rm ro ru hr sk sq sv th tr ur ' +
  'id uk be sl et lv lt tg fa vi hy az eu hsb mk st ts tn ve xh zu af ka fo hi mt se ga yi ms kk ky ' +
  'sw tk uz tt bn pa gu or ta te kn ml as mr sa mn bo cy km lo my gl kok mni sd syr si chr iu am tzm ' +
  'ks ne fy ps fil'
).split(' ');

// Regions worth keeping, by language and Windows sublanguage id.
const REGIONS: Record<string, Record<number, string>> = {
  en: { 1: 'US', 2: 'GB', 3: 'AU', 4: 'CA', 5: 'NZ', 6: 'IE' },
  pt: { 1: 'BR', 2: 'PT' },
  zh: { 1: 'TW', 2: 'CN', 3: 'HK', 4: 'SG' },
};

/** A language tag from a MOBI locale code (Windows LANGID: language | sublanguage << 10). */
export function languageTag(locale: number | undefined): string | undefined {
  if (locale === undefined) return undefined;
  const language = LANGUAGES[(locale & 0xff) - 1];
  if (!language) return undefined;
  const region = REGIONS[language]?.[(locale >> 10) & 0xff];
  return region ? `${language}-${region}` : language;
}
