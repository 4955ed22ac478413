import sharp from 'sharp';

type Box = { width: number; height: number };

/** A bitmap embedded in an SVG as a base64 data URI, in an href attribute. */
const EMBEDDED = /(href\s*=\s*)(["'])data:image\/(jpeg|png|webp);base64,([A-Za-z0-9+/=\s]+)\2/g;

/** Embedded bitmaps below this many bytes are cheap to draw as they are. */
const WORTH_SHRINKING_BYTES = 64 * 1024;

/**
 * The SVG with each large embedded bitmap shrunk to fit `box`. Standard
 * Ebooks covers are a 1400 × 2100 JPEG in a data URI under a vector title;
 * librsvg decodes that JPEG at full size for every thumbnail (about 0.4 s a
 * cover, half a scan's CPU on a library of them), where sharp decodes it
 * already shrunk. The SVG's own layout is untouched: the image keeps its
 * width and height attributes, only its pixels are fewer. Undefined when
 * there is nothing to shrink or the SVG is not UTF-8 text (then it is drawn
 * as it is).
 */
export async function shrinkEmbeddedBitmaps(
  svg: Uint8Array,
  box: Box,
  limit: { limitInputPixels: number },
): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(svg);
  } catch {
    return undefined;
  }
  const found = [...text.matchAll(EMBEDDED)].filter(
    (m) => (m[4]?.length ?? 0) * 0.75 > WORTH_SHRINKING_BYTES,
  );
  if (found.length === 0) return undefined;

  const smaller = await Promise.all(
    found.map(async (m) => {
      const bytes = Buffer.from(m[4] ?? '', 'base64');
      const image = sharp(bytes, limit).resize({ ...box, fit: 'inside', withoutEnlargement: true });
      const kind = m[3] === 'jpeg' ? 'jpeg' : 'png';
      const out = await (kind === 'jpeg' ? image.jpeg({ quality: 90 }) : image.png()).toBuffer();
      return `${m[1]}${m[2]}data:image/${kind};base64,${out.toString('base64')}${m[2]}`;
    }),
  );
  let i = 0;
  const rewritten = text.replace(EMBEDDED, (whole, _a, _q, _k, data: string) =>
    data.length * 0.75 > WORTH_SHRINKING_BYTES ? (smaller[i++] ?? whole) : whole,
  );
  return new TextEncoder().encode(rewritten);
}
