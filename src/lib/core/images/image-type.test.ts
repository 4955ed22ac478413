import { describe, expect, it } from 'vitest';
import { imageTypeFromName, sniffImageType } from './image-type';

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

const cases: [string, number[], string | undefined][] = [
  ['jpeg', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  ['gif', ascii('GIF89a'), 'image/gif'],
  ['webp', [...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP')], 'image/webp'],
  ['avif', [0, 0, 0, 0x1c, ...ascii('ftypavif')], 'image/avif'],
  ['bmp', [...ascii('BM'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0], 'image/bmp'],
  ['"BM" text', ascii('BMW motorcycles and riders'), undefined],
  ['text', ascii('hello'), undefined],
  ['empty', [], undefined],
  [
    'svg',
    ascii('<?xml version="1.0"?>\n<!-- cover -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
    'image/svg+xml',
  ],
  ['html with inline svg', ascii('<html><body><svg/></body></html>'), undefined],
];

describe('sniffImageType', () => {
  it.each(cases)('%s', (_name, bytes, type) => {
    expect(sniffImageType(new Uint8Array(bytes))).toBe(type);
  });
});

describe('imageTypeFromName', () => {
  it('names image types by extension, whatever the case', () => {
    expect(imageTypeFromName('Pages/001.JPG')).toBe('image/jpeg');
    expect(imageTypeFromName('cover.webp')).toBe('image/webp');
    expect(imageTypeFromName('ComicInfo.xml')).toBeUndefined();
  });
});
