import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../bytes/byte-source';
import { contentKey } from './content-key';

function counting(source: ByteSource): ByteSource & { bytesRead: number } {
  const counted = {
    ...source,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const bytes = await source.read(offset, length);
      counted.bytesRead += bytes.byteLength;
      return bytes;
    },
  };
  return counted;
}

function bytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = ((i * 31 + seed) & 0xff) | 1;
  return out;
}

describe('contentKey', () => {
  it('is the same for the same bytes, whatever the name', async () => {
    expect(await contentKey(bytesSource(bytes(1000), 'a.epub'))).toBe(
      await contentKey(bytesSource(bytes(1000), 'renamed/b.epub')),
    );
  });

  it('differs when the size or the edges differ', async () => {
    const a = await contentKey(bytesSource(bytes(300_000)));
    expect(await contentKey(bytesSource(bytes(300_001)))).not.toBe(a);
    const changedTail = bytes(300_000);
    changedTail[299_999] = 0;
    expect(await contentKey(bytesSource(changedTail))).not.toBe(a);
  });

  it('reads at most 128 KiB of a large file, and handles tiny and empty ones', async () => {
    const big = counting(bytesSource(bytes(5_000_000)));
    await contentKey(big);
    expect(big.bytesRead).toBe(128 * 1024);
    expect(await contentKey(bytesSource(new Uint8Array(0)))).toMatch(/^0:[0-9a-f]{32}$/);
    const small = counting(bytesSource(bytes(70_000)));
    await contentKey(small);
    expect(small.bytesRead).toBe(70_000);
  });
});
