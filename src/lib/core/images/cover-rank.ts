import type { CoverQuality } from './cover-quality';
import type { PixelSize } from './cover-sizes';

/** What ranking needs of a cover; old covers (made before originals were kept) have no quality. */
export interface RankableCover {
  id: string;
  source: string;
  original: PixelSize;
  quality?: CoverQuality;
}

/** One picture offered by one or more sources: its best copy first. */
export interface CoverGroup<T extends RankableCover> {
  best: T;
  members: T[];
}

/** A book's cover is about 2 wide by 3 tall. */
const BOOK_ASPECT = 3 / 2;
/** Images smaller than this many pixels are icons or "no cover" answers (Open Library's is 1 × 1). */
export const TINY_PIXELS = 50 * 50;
/** Fingerprints this many bits apart or fewer are the same picture (re-encoding flips a few). */
const SAME_PICTURE_BITS = 5;
/** Same picture means the same shape too: height/width within 3 %. */
const SAME_ASPECT = 0.03;

/** Whether a cover is a stand-in rather than a picture of the book. */
export function isPlaceholder(cover: RankableCover): boolean {
  const { width, height } = cover.original;
  return cover.quality?.placeholder === true || width * height < TINY_PIXELS;
}

/** A typical cover JPEG's bytes a pixel: more is less compressed, less is more. */
const TYPICAL_BYTES_PER_PIXEL = 0.25;

/**
 * A cover's score, in doublings of resolution: each doubling of pixels is 1;
 * a shape away from 2:3 costs up to several doublings (a square cover loses
 * about 2.4, so a 2:3 one with half its pixels still wins); the file's size
 * for its pixels, a sign of how little it was compressed, moves it by at most
 * one either way (nothing for a cover made before sizes were recorded).
 */
export function coverScore(cover: RankableCover): number {
  const { width, height } = cover.original;
  const pixels = Math.max(1, width * height);
  const resolution = Math.log2(pixels);
  const shape = Math.abs(Math.log(height / width / BOOK_ASPECT));
  const perPixel = cover.quality ? cover.quality.bytes / pixels / TYPICAL_BYTES_PER_PIXEL : 1;
  const compression = Math.min(1, Math.max(-1, 0.5 * Math.log2(Math.max(perPixel, 1e-6))));
  return resolution - 6 * shape + compression;
}

/** Between equal covers: the one curated in Calibre, then the file's own, then the rest. */
const SOURCE_PREFERENCE = ['calibre', 'embedded'];
const preference = (c: RankableCover) => {
  const at = SOURCE_PREFERENCE.indexOf(c.source);
  return at === -1 ? SOURCE_PREFERENCE.length : at;
};

/** Best first: real covers before placeholders, then by score, then by source. */
export function compareCovers(a: RankableCover, b: RankableCover): number {
  const placeholder = Number(isPlaceholder(a)) - Number(isPlaceholder(b));
  if (placeholder !== 0) return placeholder;
  const score = coverScore(b) - coverScore(a);
  return score !== 0 ? score : preference(a) - preference(b);
}

function bitsApart(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let bits = 0;
  while (x > 0n) {
    bits += Number(x & 1n);
    x >>= 1n;
  }
  return bits;
}

/** Whether two covers are the same picture: same shape, fingerprints within a few bits. */
export function samePicture(a: RankableCover, b: RankableCover): boolean {
  if (!a.quality || !b.quality) return false;
  const ratio = (c: RankableCover) => c.original.height / c.original.width;
  if (Math.abs(ratio(a) / ratio(b) - 1) > SAME_ASPECT) return false;
  return bitsApart(a.quality.fingerprint, b.quality.fingerprint) <= SAME_PICTURE_BITS;
}

/**
 * A book's covers as candidates, best first: copies of the same picture are
 * folded into one, represented by its best copy and listing every source.
 */
export function rankCovers<T extends RankableCover>(covers: readonly T[]): CoverGroup<T>[] {
  const groups: CoverGroup<T>[] = [];
  for (const cover of [...covers].sort(compareCovers)) {
    const same = groups.find((g) => samePicture(g.best, cover));
    if (same) same.members.push(cover);
    else groups.push({ best: cover, members: [cover] });
  }
  return groups;
}

/**
 * The cover chosen automatically: the best real one. Never a placeholder:
 * a book with nothing else shows its generated cover (title and author).
 */
export function bestCover<T extends RankableCover>(covers: readonly T[]): T | undefined {
  const best = [...covers].sort(compareCovers)[0];
  return best && !isPlaceholder(best) ? best : undefined;
}
