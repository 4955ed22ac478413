/**
 * Uncompressed Windows bitmaps, decoded to raw RGBA for sharp (libvips reads
 * no BMP): comics made by old scanners carry BMP pages, and their first page
 * is the cover. Handles 1-, 4- and 8-bit palettes and 24- and 32-bit pixels,
 * stored bottom-up or top-down; anything else (RLE, bit fields other than
 * the usual 8-8-8-8) is refused with a reason.
 */

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 4;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;

export function decodeBmp(bytes: Uint8Array, maxPixels: number): RawImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 26) throw new Error('the bitmap is truncated');
  const pixelsAt = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  const core = headerSize === 12;
  const width = core ? view.getUint16(18, true) : view.getInt32(18, true);
  const rawHeight = core ? view.getInt16(20, true) : view.getInt32(22, true);
  const bits = core ? view.getUint16(24, true) : view.getUint16(28, true);
  const compression = core ? BI_RGB : view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height <= 0) throw new Error('the bitmap has no dimensions');
  if (width * height > maxPixels) throw new Error('the bitmap is too large to be a cover');
  if (compression !== BI_RGB && !(compression === BI_BITFIELDS && bits === 32))
    throw new Error('the bitmap is compressed in a way Colophon does not read');
  if (![1, 4, 8, 24, 32].includes(bits))
    throw new Error(`the bitmap has ${bits} bits a pixel, which Colophon does not read`);

  const palette: number[][] = [];
  if (bits <= 8) {
    const entry = core ? 3 : 4;
    const used = core ? 0 : view.getUint32(46, true);
    const count = used || 1 << bits;
    const start = 14 + headerSize;
    for (let i = 0; i < count; i++) {
      const at = start + i * entry;
      if (at + 3 > bytes.byteLength) break;
      palette.push([bytes[at + 2] ?? 0, bytes[at + 1] ?? 0, bytes[at] ?? 0]);
    }
  }
  const stride = Math.floor((bits * width + 31) / 32) * 4;
  if (pixelsAt + stride * height > bytes.byteLength) throw new Error('the bitmap is truncated');
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = pixelsAt + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      let rgb: number[];
      if (bits === 24 || bits === 32) {
        const at = row + x * (bits / 8);
        rgb = [bytes[at + 2] ?? 0, bytes[at + 1] ?? 0, bytes[at] ?? 0];
      } else {
        const bitAt = x * bits;
        const byte = bytes[row + (bitAt >> 3)] ?? 0;
        const index = (byte >> (8 - bits - (bitAt & 7))) & ((1 << bits) - 1);
        rgb = palette[index] ?? [0, 0, 0];
      }
      out[o] = rgb[0] ?? 0;
      out[o + 1] = rgb[1] ?? 0;
      out[o + 2] = rgb[2] ?? 0;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height, channels: 4 };
}
