import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, blobBehind, blobSource } from './blob-source';

describe('blobSource', () => {
  const bytes = Uint8Array.from({ length: BLOCK_BYTES * 3 + 1234 }, (_, i) => (i * 31) % 251);
  const blob = new Blob([bytes]);

  it('reads any range exactly as the bytes are, across blocks, with a short read at the end', async () => {
    const source = blobSource(blob, 'x.bin');
    const cases: [number, number][] = [
      [0, 10],
      [BLOCK_BYTES - 5, 10],
      [BLOCK_BYTES * 2 - 1, BLOCK_BYTES + 2],
      [bytes.length - 3, 100],
      [bytes.length + 5, 10],
      [0, bytes.length],
    ];
    for (let i = 0; i < 40; i++) {
      const offset = Math.floor(Math.random() * bytes.length);
      cases.push([offset, Math.floor(Math.random() * BLOCK_BYTES * 2)]);
    }
    for (const [offset, length] of cases) {
      const want = bytes.subarray(
        Math.min(offset, bytes.length),
        Math.min(offset + length, bytes.length),
      );
      const got = await source.read(offset, length);
      // Buffer comparison: vitest's deep equality is far too slow on megabytes.
      expect(Buffer.from(got).equals(Buffer.from(want)), `${offset}+${length}`).toBe(true);
    }
  });

  it('hands out copies, so a reader that transfers or changes one does not corrupt the next', async () => {
    const source = blobSource(blob, 'x.bin');
    const first = await source.read(0, 4);
    first.fill(0);
    expect(await source.read(0, 4)).toEqual(bytes.subarray(0, 4));
  });

  it('remembers the blob behind it', () => {
    const source = blobSource(blob, 'x.bin');
    expect(blobBehind(source)).toBe(blob);
    expect(source.size).toBe(bytes.length);
  });
});
