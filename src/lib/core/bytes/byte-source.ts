/**
 * Random access to a file's bytes. Parsers read only what they need through
 * this (a ZIP's central directory and one entry, a MOBI's headers), never the
 * whole file. The agent passes a file-descriptor source, the browser a Blob
 * source, tests an in-memory one.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** A name for messages (usually the file name); never used to open anything. */
  readonly name: string;
  /** Reads `length` bytes at `offset`; a short read only at the end of the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory. */
export function bytesSource(bytes: Uint8Array, name = 'memory'): ByteSource {
  return {
    size: bytes.byteLength,
    name,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.byteLength));
      const end = Math.max(start, Math.min(offset + length, bytes.byteLength));
      return bytes.subarray(start, end);
    },
  };
}
