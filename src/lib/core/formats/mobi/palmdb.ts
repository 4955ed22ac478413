import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { decodeCp1252 } from './mobi-header';

/** Name, attributes, dates, type/creator, record count: the fixed part of a PalmDB. */
export const PALMDB_HEADER_BYTES = 78;
const RECORD_ENTRY_BYTES = 8;

/** The type/creator pairs of Mobipocket books (MOBI, AZW3) and plain PalmDOC books. */
export type PalmDbKind = 'BOOKMOBI' | 'TEXtREAd';

export interface RecordRange {
  offset: number;
  length: number;
}

/** A PalmDB whose record table has been checked against the file: every record lies inside it. */
export interface PalmDb {
  /** The database name (at most 31 characters; calibre writes "_" for spaces). */
  readonly name: string;
  readonly kind: PalmDbKind;
  readonly recordCount: number;
  /** Where a record lies; undefined for an index the table does not have. */
  range(index: number): RecordRange | undefined;
  /** Reads at most `limit` bytes from the start of a record (empty for an unknown index). */
  read(index: number, limit: number): Promise<Uint8Array>;
}

/** Reads and checks a PalmDB's header and record table; throws BookFormatError when it cannot. */
export async function openPalmDb(source: ByteSource): Promise<PalmDb> {
  if (source.size === 0) throw new BookFormatError('empty-file', 'The file is empty (0 bytes).');
  const header = await source.read(0, PALMDB_HEADER_BYTES);
  const kind = kindOf(header);
  if (!kind) {
    throw new BookFormatError(
      'not-a-mobi',
      'This is not a MOBI or AZW3 book: it lacks the "BOOKMOBI" signature. ' +
        'It may be another format with the wrong extension.',
    );
  }
  if (header.byteLength < PALMDB_HEADER_BYTES) {
    throw truncated(`it ends inside its ${PALMDB_HEADER_BYTES}-byte header`);
  }
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const recordCount = view.getUint16(76);
  if (recordCount === 0) throw corrupt('its record table is empty');
  const tableEnd = PALMDB_HEADER_BYTES + recordCount * RECORD_ENTRY_BYTES;
  if (tableEnd > source.size) throw truncated('it ends inside its record table');
  const offsets = readOffsets(
    await source.read(PALMDB_HEADER_BYTES, tableEnd - PALMDB_HEADER_BYTES),
  );
  checkOffsets(offsets, tableEnd, source.size);

  const range = (index: number): RecordRange | undefined => {
    const offset = offsets[index];
    if (!Number.isInteger(index) || offset === undefined) return undefined;
    return { offset, length: (offsets[index + 1] ?? source.size) - offset };
  };
  return {
    name: decodeCp1252(header.subarray(0, 32)).split('\0')[0] ?? '',
    kind,
    recordCount,
    range,
    async read(index, limit) {
      const record = range(index);
      if (!record) return new Uint8Array(0);
      return source.read(record.offset, Math.min(record.length, Math.max(0, limit)));
    },
  };
}

/** calibre compares the type/creator case-insensitively; so do we. */
function kindOf(header: Uint8Array): PalmDbKind | undefined {
  if (header.byteLength < 68) return undefined;
  const signature = String.fromCharCode(...header.subarray(60, 68)).toUpperCase();
  if (signature === 'BOOKMOBI') return 'BOOKMOBI';
  if (signature === 'TEXTREAD') return 'TEXtREAd';
  return undefined;
}

function readOffsets(table: Uint8Array): number[] {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const offsets: number[] = [];
  for (let at = 0; at + RECORD_ENTRY_BYTES <= table.byteLength; at += RECORD_ENTRY_BYTES) {
    offsets.push(view.getUint32(at));
  }
  return offsets;
}

/** Records follow the table, in order, inside the file; anything else is not a book we can trust. */
function checkOffsets(offsets: number[], tableEnd: number, size: number): void {
  let previous = tableEnd;
  offsets.forEach((offset, index) => {
    if (offset > size) {
      throw truncated(`record ${index} should start at byte ${offset}, past its end (${size})`);
    }
    if (offset < previous) {
      throw corrupt(`record ${index} starts at byte ${offset}, before the data it should follow`);
    }
    previous = offset;
  });
}

function truncated(why: string): BookFormatError {
  return new BookFormatError(
    'truncated',
    `The MOBI file is cut short: ${why}. Copy or download it again.`,
  );
}

function corrupt(why: string): BookFormatError {
  return new BookFormatError('corrupt', `The MOBI file is damaged: ${why}.`);
}
