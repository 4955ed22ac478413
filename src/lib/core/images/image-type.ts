/**
 * Image media types, by magic bytes for data (a page named .jpg may be a
 * PNG) and by extension for entry names (before any byte is read).
 */

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

const SIGNATURES: [type: string, at: number, bytes: number[]][] = [
  ['image/jpeg', 0, [0xff, 0xd8, 0xff]],
  ['image/png', 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/gif', 0, ascii('GIF8')],
  ['image/webp', 8, ascii('WEBP')],
  ['image/avif', 4, ascii('ftypavif')],
  ['image/avif', 4, ascii('ftypavis')],
  ['image/jxl', 0, [0xff, 0x0a]],
  ['image/jxl', 0, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a]],
];

/** "BM" alone is common in text (MOBI records are HTML); a known DIB header size makes it a bitmap. */
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function isBmp(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x42 || bytes[1] !== 0x4d || bytes.byteLength < 18) return false;
  const dib = new DataView(bytes.buffer, bytes.byteOffset + 14, 4).getUint32(0, true);
  return BMP_DIB_SIZES.has(dib);
}

/** The image type the bytes start with; undefined when they are not one we know. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  for (const [type, at, signature] of SIGNATURES) {
    if (type === 'image/webp' && !ascii('RIFF').every((b, i) => bytes[i] === b)) continue;
    if (signature.every((b, i) => bytes[at + i] === b)) return type;
  }
  if (isBmp(bytes)) return 'image/bmp';
  return isSvg(bytes) ? 'image/svg+xml' : undefined;
}

/**
 * An SVG document (Standard Ebooks' covers are): its root element is <svg>,
 * after an optional BOM, XML declaration, comments and doctype. An HTML page
 * with inline SVG is not one.
 */
function isSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '');
  const root = head.replace(/^(\s|<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  return /^<svg[\s>]/i.test(root);
}

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  jxl: 'image/jxl',
  bmp: 'image/bmp',
};

/** The media type an image entry's name claims. */
export function imageTypeFromName(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? undefined : BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}
