import { crc32, deflateSync } from 'node:zlib';
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';

/**
 * Generated comics for tests: each page a small PNG that shows its number
 * (1-based, as a reader says it), on a background that changes from page to
 * page, so a screenshot or a pixel read tells which page is where.
 */

export interface ComicSpec {
  pages: number;
  /** ComicInfo's `Manga=YesAndRightToLeft`; no ComicInfo at all when left out with no title. */
  rightToLeft?: boolean;
  title?: string;
  /** Pages (0-based) drawn landscape, as a double-page scan is. */
  widePages?: readonly number[];
  /** Entry names; by default "page-1.png"… (natural order differs from code-point order past 9). */
  pageName?: (index: number) => string;
  /** Page size in pixels (portrait); landscape pages swap it. */
  size?: { width: number; height: number };
  /** More ComicInfo elements, written as given: { Series: 'Batman', Number: '1', Volume: '2016' }. */
  info?: Readonly<Record<string, string>>;
}

export async function makeCbz(spec: ComicSpec): Promise<Uint8Array<ArrayBuffer>> {
  const zip = new ZipWriter(new BlobWriter('application/vnd.comicbook+zip'));
  const size = spec.size ?? { width: 400, height: 600 };
  if (spec.title !== undefined || spec.rightToLeft !== undefined || spec.info) {
    await zip.add('ComicInfo.xml', new TextReader(comicInfo(spec)));
  }
  for (let i = 0; i < spec.pages; i++) {
    const wide = spec.widePages?.includes(i);
    const png = pagePng(i + 1, wide ? size.height : size.width, wide ? size.width : size.height);
    // PNGs are compressed already: stored, like real CBZs hold their JPEGs.
    await zip.add(spec.pageName?.(i) ?? `page-${i + 1}.png`, new Uint8ArrayReader(png), {
      level: 0,
    });
  }
  return new Uint8Array(await (await zip.close()).arrayBuffer());
}

function comicInfo(spec: ComicSpec): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<ComicInfo xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Title>${spec.title ?? 'Untitled'}</Title>
  <PageCount>${spec.pages}</PageCount>
  <Manga>${spec.rightToLeft ? 'YesAndRightToLeft' : 'No'}</Manga>
${Object.entries(spec.info ?? {})
  .map(([tag, value]) => `  <${tag}>${escapeXml(value)}</${tag}>`)
  .join('\n')}
</ComicInfo>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 3×5 digit glyphs, a row of three bits per line. */
const DIGITS = [
  '111101101101111',
  '010110010010111',
  '111001111100111',
  '111001111001111',
  '101101111001001',
  '111100111001111',
  '111100111101111',
  '111001001001001',
  '111101111101111',
  '111101111001111',
];

/** A palette PNG of `number` in black on a light background whose hue follows the number. */
export function pagePng(number: number, width: number, height: number): Uint8Array<ArrayBuffer> {
  const text = String(number);
  const cell = Math.max(1, Math.floor(Math.min(width / (text.length * 4 + 1), height / 7)));
  const left = Math.floor((width - (text.length * 4 - 1) * cell) / 2);
  const top = Math.floor((height - 5 * cell) / 2);
  const border = Math.max(2, Math.floor(width / 100));
  // One filter byte (0: none) then one palette index per pixel, row by row.
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width + 1);
    for (let x = 0; x < width; x++) {
      const edge = x < border || y < border || x >= width - border || y >= height - border;
      raw[row + 1 + x] = edge ? 2 : 0;
    }
    const glyphRow = Math.floor((y - top) / cell);
    if (glyphRow < 0 || glyphRow > 4) continue;
    for (const [d, digit] of [...text].entries()) {
      const glyph = DIGITS[Number(digit)] ?? '';
      for (let column = 0; column < 3; column++) {
        if (glyph[glyphRow * 3 + column] !== '1') continue;
        const x0 = left + (d * 4 + column) * cell;
        raw.fill(1, row + 1 + x0, row + 1 + x0 + cell);
      }
    }
  }
  const hue = (number * 47) % 360;
  const palette = [...hsl(hue, 0.6, 0.85), 20, 20, 20, ...hsl(hue, 0.5, 0.45)];
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header(width, height)),
    chunk('PLTE', new Uint8Array(palette)),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function header(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(13);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  bytes.set([8, 3, 0, 0, 0], 8); // 8-bit palette, deflate, no filter method, no interlace
  return bytes;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.byteLength);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.byteLength, crc32(out.subarray(4, 8 + data.byteLength)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function hsl(hue: number, saturation: number, lightness: number): number[] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}
