import { describe, expect, it } from 'vitest';
import type { CoverQuality } from './cover-quality';
import {
  bestCover,
  compareCovers,
  isPlaceholder,
  rankCovers,
  type RankableCover,
} from './cover-rank';

const quality = (over: Partial<CoverQuality> = {}): CoverQuality => ({
  bytes: 200_000,
  format: 'jpeg',
  fingerprint: '0f0f0f0f0f0f0f0f',
  placeholder: false,
  ...over,
});

const cover = (
  id: string,
  width: number,
  height: number,
  q: Partial<CoverQuality> = {},
  source = 'openlibrary',
): RankableCover => ({ id, source, original: { width, height }, quality: quality(q) });

/** A cover made before qualities were recorded. */
const oldCover = (id: string, width: number, height: number): RankableCover => ({
  id,
  source: 'embedded',
  original: { width, height },
});

const ids = (covers: RankableCover[]) => [...covers].sort(compareCovers).map((c) => c.id);

describe('cover ranking', () => {
  it('puts the larger picture first', () => {
    expect(ids([cover('small', 300, 450), cover('large', 1400, 2100)])).toEqual(['large', 'small']);
  });

  it('prefers a book’s 2:3 shape to a square with somewhat more pixels', () => {
    expect(ids([cover('square', 1000, 1000), cover('book', 600, 900)])).toEqual(['book', 'square']);
  });

  it('prefers the less compressed of two pictures of one size', () => {
    expect(
      ids([
        cover('thin', 600, 900, { bytes: 40_000 }),
        cover('rich', 600, 900, { bytes: 400_000 }),
      ]),
    ).toEqual(['rich', 'thin']);
  });

  it('between equal covers keeps the Calibre one, then the file’s own', () => {
    const same = [
      cover('ol', 600, 900, {}, 'openlibrary'),
      cover('file', 600, 900, {}, 'embedded'),
      cover('cal', 600, 900, {}, 'calibre'),
    ];
    expect(ids(same)).toEqual(['cal', 'file', 'ol']);
  });

  it('ranks placeholders last, however large, and never chooses one', () => {
    const blank = cover('blank', 2000, 3000, { placeholder: true });
    const pixel = oldCover('pixel', 1, 1);
    const real = cover('real', 180, 270);
    expect(isPlaceholder(pixel)).toBe(true);
    expect(ids([blank, pixel, real])[0]).toBe('real');
    expect(bestCover([blank, real])?.id).toBe('real');
    expect(bestCover([blank, pixel])).toBeUndefined();
  });

  it('ranks covers made before qualities were recorded by their size alone', () => {
    expect(bestCover([oldCover('old', 480, 720), cover('new', 300, 450)])?.id).toBe('old');
  });
});

describe('folding copies of one picture', () => {
  it('folds fingerprints a few bits apart and of the same shape, listing every source', () => {
    const groups = rankCovers([
      cover('ol', 300, 450, { fingerprint: '0f0f0f0f0f0f0f0f' }, 'openlibrary'),
      cover('file', 1400, 2100, { fingerprint: '0f0f0f0f0f0f0f0e' }, 'embedded'),
      cover('other', 600, 900, { fingerprint: 'f0f0f0f0f0f0f0f0' }, 'googlebooks'),
    ]);
    expect(groups.map((g) => g.best.id)).toEqual(['file', 'other']);
    expect(groups[0]?.members.map((c) => c.source)).toEqual(['embedded', 'openlibrary']);
  });

  it('keeps apart the same fingerprint at another shape, and covers with no fingerprint', () => {
    const groups = rankCovers([
      cover('tall', 600, 900),
      cover('wide', 900, 600),
      oldCover('old', 600, 900),
    ]);
    expect(groups).toHaveLength(3);
  });
});
