import { describe, expect, it } from 'vitest';
import { decompressPalmDoc } from './palmdoc-book';

describe('decompressPalmDoc', () => {
  const cases: [label: string, input: number[], output: string][] = [
    ['literal bytes', [0x61, 0x62], 'ab'],
    ['a run of raw bytes', [0x02, 0xc1, 0xc2], '\xc1\xc2'],
    ['a space and a character', [0x61, 0xe2], 'a b'],
    // "abc" then a back reference 3 back, 3 long: 0x80 | distance << 3 | (length - 3).
    ['a back reference', [0x61, 0x62, 0x63, 0x80, 0x18], 'abcabc'],
    ['a reference before the start is ignored', [0x61, 0x80, 0x50], 'a'],
  ];
  it.each(cases)('%s', (_label, input, output) => {
    expect(String.fromCharCode(...decompressPalmDoc(new Uint8Array(input)))).toBe(output);
  });

  it('stops at its cap however the input repeats itself', () => {
    const bomb = new Uint8Array(100_000).fill(0x80);
    bomb[0] = 0x61;
    for (let i = 1; i < bomb.length; i += 2) bomb[i + 1] = 0x0f;
    expect(decompressPalmDoc(bomb).byteLength).toBeLessThanOrEqual(64 * 1024);
  });
});
