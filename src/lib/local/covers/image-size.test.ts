import { describe, expect, it } from 'vitest';
import { fitInside } from '#core/images/cover-sizes';
import { imageSize } from './image-size';
import { decodeBase64, rasterInSvg } from './svg-raster';

const u8 = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];

const CASES: [string, string, Uint8Array, { width: number; height: number } | undefined][] = [
  [
    'PNG',
    'image/png',
    u8([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(1400), be32(2100)),
    { width: 1400, height: 2100 },
  ],
  ['GIF', 'image/gif', u8('GIF89a', le16(300), le16(450)), { width: 300, height: 450 }],
  [
    'BMP',
    'image/bmp',
    u8('BM', new Array(16).fill(0), le32(640), le32(-960 >>> 0)),
    { width: 640, height: 960 },
  ],
  [
    'WebP VP8X',
    'image/webp',
    u8('RIFF', le32(0), 'WEBPVP8X', le32(10), [0, 0, 0, 0], le24(799), le24(1199)),
    { width: 800, height: 1200 },
  ],
  [
    'JPEG, SOF0 after an APP0',
    'image/jpeg',
    u8(
      [0xff, 0xd8, 0xff, 0xe0],
      [0, 4, 0, 0],
      [0xff, 0xc0, 0, 17, 8],
      [0x08, 0x34, 0x05, 0x78],
      new Array(12).fill(0),
    ),
    { width: 1400, height: 2100 },
  ],
  [
    'a bomb claiming 60,000 × 60,000',
    'image/png',
    u8([0x89], 'PNG\r\n\x1a\n', be32(13), 'IHDR', be32(60000), be32(60000)),
    { width: 60000, height: 60000 },
  ],
  ['a type it does not know', 'image/avif', u8('....ftypavif'), undefined],
  ['a cut-off header', 'image/png', u8([0x89], 'PNG'), undefined],
];

describe('imageSize', () => {
  for (const [name, type, bytes, want] of CASES) {
    it(`reads ${name}`, () => expect(imageSize(bytes, type)).toEqual(want));
  }
});

describe('fitInside', () => {
  it.each([
    [
      { width: 1400, height: 2100 },
      { width: 160, height: 240 },
    ],
    [
      { width: 2000, height: 1000 },
      { width: 160, height: 80 },
    ],
    [
      { width: 100, height: 150 },
      { width: 100, height: 150 },
    ],
    [
      { width: 10_000, height: 1 },
      { width: 160, height: 1 },
    ],
  ])('fits %o in 160 × 240 without enlarging', (size, want) => {
    expect(fitInside(size, { width: 160, height: 240 })).toEqual(want);
  });
});

describe('rasterInSvg', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
  const svg = (body: string) =>
    new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`);

  it('takes the largest embedded picture, whatever its href attribute is called', () => {
    const found = rasterInSvg(
      svg(
        `<image href="data:image/png;base64,${png.toString('base64')}"/>` +
          `<image width="1400" xlink:href="data:image/jpeg;base64,${jpeg.toString('base64').replace(/(.{4})/g, '$1\n')}"/>`,
      ),
    );
    expect(found?.mediaType).toBe('image/jpeg');
    expect(Buffer.from(found?.bytes ?? []).equals(jpeg)).toBe(true);
  });

  it('finds nothing in a drawing without a picture, or with a broken one', () => {
    expect(rasterInSvg(svg('<path d="M0 0h10v10z"/>'))).toBeUndefined();
    expect(rasterInSvg(svg('<image href="data:image/png;base64,!!!"/>'))).toBeUndefined();
  });

  it('decodes base64 like Buffer does', () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
    expect(Buffer.from(decodeBase64(bytes.toString('base64')) ?? []).equals(bytes)).toBe(true);
  });
});
