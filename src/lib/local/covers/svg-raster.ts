import type { RasterImage } from '#core/formats/platform';
import { sniffImageType } from '#core/images/image-type';

/** Embedded images in an SVG: `<image href="data:image/…;base64,…">` (or xlink:href). */
const EMBEDDED =
  /<image\b[^>]*?\b(?:xlink:)?href\s*=\s*["']data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/=\s]+)["']/gi;

interface Base64Decoder {
  fromBase64?(text: string): Uint8Array;
}

/** Base64 to bytes: natively where the browser has it, else a plain loop (a cover is ~1 MB). */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  try {
    const native = (Uint8Array as unknown as Base64Decoder).fromBase64;
    if (native) return native(clean);
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * The largest raster image embedded in an SVG cover. A worker cannot draw an
 * SVG (no DOM to render it), but an SVG cover (Standard Ebooks' are) is
 * usually a full-size JPEG with the title set over it in paths: the JPEG is
 * the cover art, and the title shows beside the thumbnail anyway.
 * Undefined when the SVG embeds no raster (it then gets the placeholder).
 */
export function rasterInSvg(svg: Uint8Array): RasterImage | undefined {
  const text = new TextDecoder().decode(svg);
  let best: RasterImage | undefined;
  for (const match of text.matchAll(EMBEDDED)) {
    const bytes = decodeBase64(match[2] ?? '');
    const mediaType = bytes && sniffImageType(bytes);
    if (!bytes || !mediaType || mediaType === 'image/svg+xml') continue;
    if (!best || bytes.byteLength > best.bytes.byteLength) best = { bytes, mediaType };
  }
  return best;
}
