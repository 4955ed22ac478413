import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readBook } from '#core/formats/read-book';
import { readCover } from '#core/formats/read-cover';
import { shrinkEmbeddedBitmaps } from '../../agent/covers/svg-embedded';
import { makeThumbnails } from '../../agent/covers/thumbnails';
import { corpusDir, corpusFiles, NO_CORPUS_MESSAGE, readCorpusSource } from '../support/corpus';

const BOX = { width: 480, height: 720 };
const LIMIT = { limitInputPixels: 100_000_000 };

/** A Standard Ebooks-like cover: a large JPEG painting in a data URI, a title box over it. */
async function seCover(): Promise<Uint8Array> {
  const { data, info } = await sharp({
    create: {
      width: 1400,
      height: 2100,
      channels: 3 as const,
      background: '#808080',
      noise: { type: 'gaussian' as const, mean: 128, sigma: 60 },
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const jpeg = await sharp(data, { raw: info }).jpeg({ quality: 90 }).toBuffer();
  const svg =
    `<?xml version="1.0" encoding="utf-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ` +
    `xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1400 2100">` +
    `<image height="2100" width="1400" x="0" y="0" xlink:href="data:image/jpeg;base64,${jpeg.toString('base64')}"/>` +
    `<rect x="100" y="1500" width="1200" height="400" fill="#000"/></svg>`;
  return new TextEncoder().encode(svg);
}

async function embeddedWidth(svg: Uint8Array): Promise<number | undefined> {
  const b64 = /base64,([^"]+)"/.exec(new TextDecoder().decode(svg))?.[1] ?? '';
  return (await sharp(Buffer.from(b64, 'base64')).metadata()).width;
}

describe('SVG covers with embedded bitmaps', () => {
  it('shrinks the embedded bitmap to the thumbnail box and leaves the layout alone', async () => {
    const svg = await seCover();
    const lighter = await shrinkEmbeddedBitmaps(svg, BOX, LIMIT);
    expect(lighter).toBeDefined();
    expect(lighter!.byteLength).toBeLessThan(svg.byteLength / 2);
    expect(await embeddedWidth(lighter!)).toBe(480);
    const text = new TextDecoder().decode(lighter);
    expect(text).toContain(
      '<image height="2100" width="1400" x="0" y="0" xlink:href="data:image/jpeg;base64,',
    );
    expect(text).toContain('<rect x="100" y="1500" width="1200" height="400" fill="#000"/>');
  });

  it('still draws what lies over the bitmap, at the medium size', async () => {
    const svg = await seCover();
    const thumbs = await makeThumbnails(svg);
    expect(thumbs.original).toEqual({ width: 1400, height: 2100 });
    expect([thumbs.medium.width, thumbs.medium.height]).toEqual([480, 720]);
    // The title box is still drawn: the bottom of the cover is black, the top is the painting.
    const { data, info } = await sharp(thumbs.medium.bytes)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels] ?? -1;
    expect(at(240, 600)).toBeLessThan(10);
    expect(at(240, 100)).toBeGreaterThan(20);
  });

  it('leaves alone SVGs with no large bitmap, and bytes that are not UTF-8', async () => {
    const plain = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
    );
    expect(await shrinkEmbeddedBitmaps(plain, BOX, LIMIT)).toBeUndefined();
    expect(
      await shrinkEmbeddedBitmaps(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e]), BOX, LIMIT),
    ).toBeUndefined();
  });
});

describe.skipIf(!corpusDir)('Standard Ebooks covers from the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const rels = corpusFiles('epub', '.epub').filter((rel) => rel.includes('/se_'));

  it('look the same with the embedded painting shrunk first', async () => {
    expect(rels.length).toBeGreaterThan(0);
    for (const rel of rels.slice(0, 3)) {
      const source = await readCorpusSource(rel);
      const extraction = await readBook(source, 'epub');
      const cover = extraction.cover && (await readCover(source, 'epub', extraction.cover));
      expect(cover?.mediaType, rel).toBe('image/svg+xml');
      const svg = cover!.bytes;
      const meta = await sharp(svg).metadata();
      const scale = Math.min(480 / meta.width!, 720 / meta.height!);
      const direct = await sharp(svg, { density: 72 * scale })
        .resize({ width: 480, height: 720, fit: 'inside' })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const thumbs = await makeThumbnails(svg);
      const made = await sharp(thumbs.medium.bytes)
        .resize(direct.info.width, direct.info.height)
        .removeAlpha()
        .raw()
        .toBuffer();
      let diff = 0;
      for (let i = 0; i < made.length; i++)
        diff += Math.abs((made[i] ?? 0) - (direct.data[i] ?? 0));
      // WebP at quality 78 and a resampled painting: close, not identical.
      expect(diff / made.length, rel).toBeLessThan(8);
    }
  });
});
