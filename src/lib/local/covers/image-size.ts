import type { PixelSize } from '#core/images/cover-sizes';

function pngSize(b: Uint8Array, v: DataView): PixelSize | undefined {
  if (b.byteLength < 24 || v.getUint32(12) !== 0x49484452) return undefined; // IHDR
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function gifSize(b: Uint8Array, v: DataView): PixelSize | undefined {
  if (b.byteLength < 10) return undefined;
  return { width: v.getUint16(6, true), height: v.getUint16(8, true) };
}

function bmpSize(b: Uint8Array, v: DataView): PixelSize | undefined {
  if (b.byteLength < 26) return undefined;
  return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
}

function webpSize(b: Uint8Array, v: DataView): PixelSize | undefined {
  if (b.byteLength < 30) return undefined;
  const chunk = String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0);
  if (chunk === 'VP8X') {
    const w = 1 + ((b[24] ?? 0) | ((b[25] ?? 0) << 8) | ((b[26] ?? 0) << 16));
    const h = 1 + ((b[27] ?? 0) | ((b[28] ?? 0) << 8) | ((b[29] ?? 0) << 16));
    return { width: w, height: h };
  }
  if (chunk === 'VP8 ')
    return { width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = v.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return undefined;
}

/** Walks JPEG markers to the first start-of-frame. */
function jpegSize(b: Uint8Array, v: DataView): PixelSize | undefined {
  let at = 2;
  while (at + 9 < b.byteLength) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = v.getUint16(at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: v.getUint16(at + 5), width: v.getUint16(at + 7) };
    at += 2 + length;
  }
  return undefined;
}

/**
 * The pixel size an image declares in its header, read without decoding it,
 * so a decompression bomb (a tiny file claiming 50,000 × 50,000 pixels) is
 * refused before a canvas is allocated for it. JPEG, PNG, GIF, WebP and BMP;
 * undefined for anything else or a header that does not parse.
 */
export function imageSize(bytes: Uint8Array, mediaType: string): PixelSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (mediaType) {
    case 'image/png':
      return pngSize(bytes, view);
    case 'image/gif':
      return gifSize(bytes, view);
    case 'image/bmp':
      return bmpSize(bytes, view);
    case 'image/webp':
      return webpSize(bytes, view);
    case 'image/jpeg':
      return jpegSize(bytes, view);
    default:
      return undefined;
  }
}
