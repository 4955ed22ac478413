import type { ByteSource } from '../../bytes/byte-source';
import { BookFormatError } from '../../errors';
import { RANGE_CHUNK_SIZE } from './range-transport';
import { reason } from './read-errors';

const HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** Readers accept the header anywhere in the first 1024 bytes (junk before it is common). */
const HEADER_WINDOW = 1024;

/** The first chunk, checked for a PDF header; pdf.js gets it up front. */
export async function readHead(source: ByteSource): Promise<Uint8Array> {
  if (source.size === 0) {
    throw new BookFormatError('empty-file', `${source.name} is empty (0 bytes).`);
  }
  const wanted = Math.min(RANGE_CHUNK_SIZE, source.size);
  let head: Uint8Array;
  try {
    head = await source.read(0, wanted);
  } catch (error) {
    throw new BookFormatError('unreadable', `Could not read ${source.name}: ${reason(error)}`);
  }
  if (head.byteLength < wanted) {
    throw new BookFormatError(
      'truncated',
      `${source.name} is shorter than its stated size; it may have changed while it was read.`,
    );
  }
  if (!hasHeader(head.subarray(0, HEADER_WINDOW))) {
    throw new BookFormatError(
      'not-a-pdf',
      `${source.name} is not a PDF: it has no "%PDF-" header. It may be another kind of file ` +
        'named .pdf, or an incomplete download; check that it opens in a PDF reader.',
    );
  }
  return head;
}

function hasHeader(bytes: Uint8Array): boolean {
  for (let start = 0; start + HEADER.length <= bytes.length; start += 1) {
    if (HEADER.every((byte, i) => bytes[start + i] === byte)) return true;
  }
  return false;
}
