import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ByteSource } from '#core/bytes/byte-source';

/** A ByteSource over an open file: parsers read ranges, never the whole file. */
export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<FileSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      name: basename(path),
      async read(offset, length) {
        const want = Math.max(0, Math.min(length, size - offset));
        const buffer = new Uint8Array(want);
        let done = 0;
        while (done < want) {
          const { bytesRead } = await handle.read(buffer, done, want - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === want ? buffer : buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Runs `use` with the file open, and always closes it. */
export async function withFileSource<T>(
  path: string,
  use: (source: FileSource) => Promise<T>,
): Promise<T> {
  const source = await openFileSource(path);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}
