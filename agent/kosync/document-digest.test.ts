import { describe, expect, it } from 'vitest';
import { bytesSource } from '#core/bytes/byte-source';
import { corpusDir, readCorpusSource } from '#test-support/corpus';
import { fileNameMd5, partialMd5 } from './document-digest';

/** Bytes that differ at every offset KOReader samples (and in between). */
const made = (size: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 7 + (i >> 10)) & 255);

describe("KOReader's document ids", () => {
  // Expected values: KOReader's util.partialMD5 loop run by LuaJIT 2.1 (its sampling, with
  // bit.lshift as KOReader has it) over these bytes, its samples piped to md5sum.
  const cases: [number, string][] = [
    [0, 'd41d8cd98f00b204e9800998ecf8427e'],
    [700, 'b0ae7df1265b153575a72eae5b6c58fd'],
    [1024, '6d253fc98a6e6aef5f34e4153a8f567d'],
    [1025, '63bcddc6ec754df39259a31429fb671a'],
    [5000, '84b90ecaf1984c8f5d75c939ed08d2be'],
    [300_000, '75827ee9a03d2ec3764291807745ca7f'],
    [5_000_000, 'ea72613c26a625821fb45995d50ae697'],
  ];
  it.each(cases)('partial MD5 of %i bytes', async (size, expected) => {
    expect(await partialMd5(bytesSource(made(size)))).toBe(expected);
  });

  it.skipIf(!corpusDir)('partial MD5 of corpus EPUBs, as LuaJIT computed it', async () => {
    expect(
      await partialMd5(await readCorpusSource('epub/se_h-g-wells_the-time-machine.epub')),
    ).toBe('e819ea2f342dd1e746530288b5be0e4f');
    expect(await partialMd5(await readCorpusSource('epub/komga_epub3_minimal.epub'))).toBe(
      '4300992b56baf3d82b11490010eb2487',
    );
  });

  it('digests the file name alone, as UTF-8', () => {
    // A name and digest a KOReader device sent with Filename matching (Calibre-Web-NextGen #636).
    expect(fileNameMd5('Books/More Everything Forever - Adam Becker.epub')).toBe(
      '9ea1b31e133214bb1169acce6ff4affb',
    );
    expect(fileNameMd5('a.epub')).toBe(fileNameMd5('deep/er/a.epub'));
  });
});
