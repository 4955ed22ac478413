import type { ByteSource } from '#core/bytes/byte-source';

/** Reads go to the browser's file system in blocks this big, kept for the next reads. */
export const BLOCK_BYTES = 512 * 1024;
/** Blocks kept per source (4 MiB): a small book is read from disk once. */
const KEPT_BLOCKS = 8;

const blobs = new WeakMap<ByteSource, Blob>();

/**
 * A ByteSource over a File or Blob. Parsers read only what they need (a
 * ZIP's directory and one entry, a MOBI's headers), but in many small reads,
 * and each read of a File is a round trip to the browser's file system:
 * reads are therefore served from aligned 512 KiB blocks, the last few kept.
 * A File from a picked folder that changed on disk since it was listed fails
 * to read (NotReadableError); that becomes the file's problem.
 */
export function blobSource(blob: Blob, name: string): ByteSource {
  const blocks = new Map<number, Promise<Uint8Array>>();

  const block = (index: number): Promise<Uint8Array> => {
    let found = blocks.get(index);
    if (found) {
      // Most recently used last, so the oldest is dropped first.
      blocks.delete(index);
    } else {
      const start = index * BLOCK_BYTES;
      const end = Math.min(blob.size, start + BLOCK_BYTES);
      found = blob
        .slice(start, end)
        .arrayBuffer()
        .then((buffer) => new Uint8Array(buffer));
      // A failed read is not kept: the next read tries again.
      found.catch(() => blocks.delete(index));
    }
    blocks.set(index, found);
    while (blocks.size > KEPT_BLOCKS) blocks.delete(blocks.keys().next().value as number);
    return found;
  };

  const source: ByteSource = {
    size: blob.size,
    name,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, blob.size));
      const end = Math.max(start, Math.min(offset + length, blob.size));
      if (end === start) return new Uint8Array(0);
      const first = Math.floor(start / BLOCK_BYTES);
      const last = Math.floor((end - 1) / BLOCK_BYTES);
      // A read larger than the cache would only churn it: straight from the file.
      if (last - first + 1 > KEPT_BLOCKS) {
        return new Uint8Array(await blob.slice(start, end).arrayBuffer());
      }
      const parts = await Promise.all(
        Array.from({ length: last - first + 1 }, (_, i) => block(first + i)),
      );
      const out = new Uint8Array(end - start);
      let at = 0;
      for (const [i, part] of parts.entries()) {
        const base = (first + i) * BLOCK_BYTES;
        const from = Math.max(0, start - base);
        const to = Math.min(part.byteLength, end - base);
        out.set(part.subarray(from, to), at);
        at += to - from;
      }
      return out;
    },
  };
  blobs.set(source, blob);
  return source;
}

/**
 * The Blob a source reads from, so a reader that needs the whole file
 * (libarchive) can hand it to its worker by reference instead of copying it.
 */
export function blobBehind(source: ByteSource): Blob | undefined {
  return blobs.get(source);
}
