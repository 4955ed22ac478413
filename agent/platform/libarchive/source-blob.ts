import type { ByteSource } from '#core/bytes/byte-source';
import { BookFormatError } from '#core/errors';

const CHUNK_BYTES = 16 * 1024 * 1024;

/** The source's bytes as a Blob, read in chunks so no single JS buffer holds them all. */
export async function toBlob(source: ByteSource): Promise<Blob> {
  let blob = new Blob([]);
  for (let offset = 0; offset < source.size; offset += CHUNK_BYTES) {
    const want = Math.min(CHUNK_BYTES, source.size - offset);
    const chunk = await source.read(offset, want);
    if (chunk.byteLength !== want) {
      throw new BookFormatError(
        'unreadable',
        `${source.name} changed or became unreadable while it was being read.`,
      );
    }
    // A Blob copies a byte part and references a Blob part: each chunk is copied once, then dropped.
    blob = new Blob([blob, chunk as Uint8Array<ArrayBuffer>]);
  }
  return blob;
}
