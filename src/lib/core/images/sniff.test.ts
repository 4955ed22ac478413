import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff';

const cases: [string, number[], string | undefined][] = [
  ['jpeg', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'image/png'],
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'image/gif'],
  ['webp', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], 'image/webp'],
  ['avif', [0, 0, 0, 0x1c, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66], 'image/avif'],
  ['text', [0x68, 0x65, 0x6c, 0x6c, 0x6f], undefined],
  ['empty', [], undefined],
];

describe('sniffImageType', () => {
  it.each(cases)('%s', (_name, bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type);
  });

  it('recognises SVG text', () => {
    expect(sniffImageType(new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="x"/>'))).toBe(
      'image/svg+xml',
    );
  });
});
