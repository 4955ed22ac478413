import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { sniffImageType } from '../../images/image-type';
import { ORIGIN_CONFIDENCE } from '../../metadata/confidence';
import {
  candidate,
  type BookMetadata,
  type FieldCandidate,
  type MetadataField,
  type Origin,
} from '../../metadata/types';
import type { RasterImage } from '../platform';
import type { CoverRef, Extraction } from '../types';
import { readExth, type Exth } from './exth';
import { parseRecord0, type MobiHeader, type Record0 } from './mobi-header';
import { openPalmDb, type PalmDb } from './palmdb';

/** Record 0 is ~10 KB in practice (headers, EXTH, padding); a bigger one is read only this far. */
const MAX_RECORD0_BYTES = 1024 * 1024;
/** calibre's own ceiling for a MOBI image; anything bigger is refused rather than read. */
const MAX_COVER_BYTES = 10 * 1024 * 1024;
/** Enough of a record to recognise an image by its magic bytes. */
const SNIFF_BYTES = 32;

/** The PalmDB name is at most 31 characters and often mangled; any real title beats it. */
const PDB_NAME_CONFIDENCE = ORIGIN_CONFIDENCE['embedded:mobi-header'] - 0.2;

/** Record 0 with its EXTH block read. */
interface Part extends Record0 {
  exth?: Exth;
}

/**
 * Reads a MOBI or AZW3 book's header and EXTH metadata and where its cover
 * is; throws BookFormatError when the file is not one. DRM does not stop the
 * read: headers and EXTH are never encrypted.
 */
export async function readMobi(source: ByteSource, format: 'mobi' | 'azw3'): Promise<Extraction> {
  const db = await openPalmDb(source);
  const warnings: string[] = [];
  const first = readPart(await db.read(0, MAX_RECORD0_BYTES), db, warnings);
  const kf8 = await readKf8Part(db, first, warnings);
  // A joint file's KF8 part is the newer description of the same book: it wins field by field.
  const metadata = { ...first.exth?.metadata, ...kf8?.exth?.metadata };
  const header = kf8?.mobi ?? first.mobi;
  // Image records sit in the MOBI 6 part of a joint file, so record 0's index is the base.
  const cover = await findCover(
    db,
    first.mobi?.firstImageIndex,
    [
      kf8?.exth?.coverOffset ?? first.exth?.coverOffset,
      kf8?.exth?.thumbnailOffset ?? first.exth?.thumbnailOffset,
    ],
    warnings,
  );
  const drm = first.encryption !== 0 || (kf8 !== undefined && kf8.encryption !== 0);
  return {
    format,
    candidates: toCandidates(metadata, header, db.name),
    ...(cover && { cover }),
    flags: drm ? { drm } : {},
    warnings,
  };
}

function readPart(record: Uint8Array, db: PalmDb, warnings: string[]): Part {
  const record0 = parseRecord0(record, db.kind);
  warnings.push(...record0.warnings);
  const bytes = record0.mobi?.exth;
  if (!record0.mobi || !bytes) return record0;
  const exth = readExth(bytes, record0.mobi.encoding);
  warnings.push(...exth.warnings);
  return { ...record0, exth };
}

/** The KF8 header of a joint MOBI 6 + KF8 file: the record after a "BOUNDARY" record. */
async function readKf8Part(db: PalmDb, first: Part, warnings: string[]): Promise<Part | undefined> {
  const index = first.exth?.kf8Boundary;
  // A standalone KF8 (AZW3) file has its KF8 header in record 0 already.
  if (index === undefined || !first.mobi || first.mobi.version >= 8) return undefined;
  const marker = await db.read(index - 1, 8);
  if (index < 1 || index >= db.recordCount || ascii(marker) !== 'BOUNDARY') {
    warnings.push(
      `The book points at a KF8 part (record ${index}) that is not there; ` +
        'its MOBI 6 metadata was used.',
    );
    return undefined;
  }
  const partWarnings: string[] = [];
  try {
    const part = readPart(await db.read(index, MAX_RECORD0_BYTES), db, partWarnings);
    if (!part.mobi) throw new BookFormatError('corrupt', `record ${index} has no MOBI header`);
    warnings.push(...partWarnings.map((w) => `In the KF8 part: ${w}`));
    return part;
  } catch (error) {
    if (!(error instanceof BookFormatError)) throw error;
    warnings.push(`The KF8 part is unreadable (${error.message}); its MOBI 6 metadata was used.`);
    return undefined;
  }
}

/** The first of the cover and thumbnail records that really is an image. */
async function findCover(
  db: PalmDb,
  firstImage: number | undefined,
  offsets: (number | undefined)[],
  warnings: string[],
): Promise<CoverRef | undefined> {
  const named = offsets.filter((offset) => offset !== undefined);
  if (named.length === 0) return undefined;
  if (firstImage === undefined) {
    warnings.push('The book names a cover but has no image records; it was ignored.');
    return undefined;
  }
  for (const offset of named) {
    const index = firstImage + offset;
    if (sniffImageType(await db.read(index, SNIFF_BYTES))) return { kind: 'record', index };
  }
  warnings.push(
    `The cover the book names (record ${firstImage + (named[0] ?? 0)}) is not an image.`,
  );
  return undefined;
}

function toCandidates(
  exth: BookMetadata,
  header: MobiHeader | undefined,
  pdbName: string,
): FieldCandidate[] {
  const candidates = (Object.keys(exth) as MetadataField[]).flatMap((field) =>
    fieldCandidate(exth, field, 'embedded:exth'),
  );
  const fromHeader: BookMetadata = {
    ...(header?.fullName && { title: header.fullName }),
    ...(header?.language && { languages: [header.language] }),
  };
  for (const field of ['title', 'languages'] as const) {
    if (exth[field] === undefined) {
      candidates.push(...fieldCandidate(fromHeader, field, 'embedded:mobi-header'));
    }
  }
  if (exth.title === undefined && fromHeader.title === undefined && pdbName.trim() !== '') {
    candidates.push(
      candidate('title', pdbName.trim(), 'embedded:mobi-header', PDB_NAME_CONFIDENCE),
    );
  }
  return candidates;
}

function fieldCandidate<K extends MetadataField>(
  metadata: BookMetadata,
  field: K,
  origin: Origin,
): FieldCandidate[] {
  const value = metadata[field];
  return value == null ? [] : [candidate(field, value, origin, ORIGIN_CONFIDENCE[origin])];
}

/**
 * A MOBI cover record's bytes and media type; undefined when the reference is
 * not a record of this file or the record is not an image.
 */
export async function readMobiCover(
  source: ByteSource,
  ref: CoverRef,
): Promise<RasterImage | undefined> {
  if (ref.kind !== 'record') return undefined;
  const db = await openPalmDb(source);
  const range = db.range(ref.index);
  if (!range) return undefined;
  const mediaType = sniffImageType(await db.read(ref.index, SNIFF_BYTES));
  if (!mediaType) return undefined;
  if (range.length > MAX_COVER_BYTES) {
    throw new BookFormatError(
      'entry-too-large',
      `The cover image is ${(range.length / 1024 / 1024).toFixed(1)} MB; ` +
        `covers over ${MAX_COVER_BYTES / 1024 / 1024} MB are not read.`,
    );
  }
  return { bytes: await db.read(ref.index, range.length), mediaType };
}

/** The image formats MOBI records hold, from their magic bytes. */
function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
