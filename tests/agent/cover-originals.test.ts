import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestCover, compareCovers, rankCovers, type RankableCover } from '#core/images/cover-rank';
import { COVER_SIZES, fitInside } from '#core/images/cover-sizes';
import { readBook } from '#core/formats/read-book';
import { readCover } from '#core/formats/read-cover';
import { coverDocId, readCoverDoc, type CoverDoc } from '#core/schema/cover-doc';
import { coverHash, CoverStore } from '../../agent/covers/cover-store';
import { storeCover, type MadeCover } from '../../agent/covers/make-cover';
import { makeThumbnails } from '../../agent/covers/thumbnails';
import { coverFromSource } from '../../agent/metadata/covers/source-covers';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE, readCorpusSource } from '../support/corpus';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

const JPEG_BOOK = 'epub/kavita_TitleWithVolume.epub';
const SVG_BOOK = 'epub/se_h-g-wells_the-time-machine.epub';
const OTHER_SVG_BOOK = 'epub/se_jane-austen_pride-and-prejudice.epub';
const COMIC = 'comics/comicbox_Captain Science #001.cbz';
const PDF = 'pdf/pdfjs_issue1002.pdf';

/** The cover image a corpus book carries, as its parser finds it. */
async function corpusCover(rel: string, format: 'epub' | 'cbz'): Promise<Uint8Array> {
  const source = await readCorpusSource(rel);
  const book = await readBook(source, format);
  const cover = book.cover && (await readCover(source, format, book.cover));
  if (!cover) throw new Error(`${rel} has no cover`);
  return cover.bytes;
}

/** A 24-bit Windows bitmap of an image (sharp writes none): what old comic scanners left. */
async function toBmp(bytes: Uint8Array): Promise<Uint8Array> {
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const stride = Math.ceil((info.width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * info.height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(info.width, 18);
  out.writeInt32LE(info.height, 22); // bottom-up
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const from = (y * info.width + x) * 3;
      const to = 54 + (info.height - 1 - y) * stride + x * 3;
      out[to] = data[from + 2] ?? 0;
      out[to + 1] = data[from + 1] ?? 0;
      out[to + 2] = data[from] ?? 0;
    }
  return new Uint8Array(out);
}

/** Open Library's answer for a cover it does not have, asked without default=false: a 1 × 1 GIF. */
const openLibraryBlank = () =>
  sharp({ create: { width: 1, height: 1, channels: 4, background: '#00000000' } })
    .gif()
    .toBuffer()
    .then((b) => new Uint8Array(b));

const candidate = (id: string, made: MadeCover): RankableCover => ({
  id,
  source: id,
  original: made.original,
  quality: made.quality,
});

describe.skipIf(!corpusDir)('cover originals, made from corpus covers', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const dir = tempDir('cover-originals');
  const store = new CoverStore(dir.path);
  afterAll(() => dir.remove());

  it('keeps a JPEG cover byte for byte, and makes its thumbnails from it', async () => {
    const jpeg = await corpusCover(JPEG_BOOK, 'epub');
    const made = await storeCover(jpeg, dir.path);
    const kept = store.findOriginal(made.hash);
    expect(kept?.format).toBe('jpeg');
    expect(new Uint8Array(readFileSync(kept!.path))).toEqual(jpeg);
    expect(made.quality).toMatchObject({ format: 'jpeg', bytes: jpeg.byteLength });
    expect(made.quality.placeholder).toBe(false);
    expect(made.medium).toEqual(fitInside(made.original, COVER_SIZES.medium));
  });

  it('keeps a PNG byte for byte', async () => {
    const png = new Uint8Array(
      await sharp(await corpusCover(COMIC, 'cbz'))
        .png()
        .toBuffer(),
    );
    const made = await storeCover(png, dir.path);
    expect(readFileSync(store.findOriginal(made.hash)!.path).equals(png)).toBe(true);
  });

  it('converts WebP, GIF, BMP and SVG once to JPEG or PNG, thumbnails made from the result', async () => {
    const jpeg = await corpusCover(JPEG_BOOK, 'epub');
    const webp = new Uint8Array(await sharp(jpeg).webp({ quality: 90 }).toBuffer());
    const gif = new Uint8Array(await sharp(jpeg).gif().toBuffer());
    const bmp = await toBmp(jpeg);
    const svg = await corpusCover(SVG_BOOK, 'epub');
    const expected = { webp: 'jpeg', gif: 'png', bmp: 'jpeg' } as const;
    for (const [name, bytes] of Object.entries({ webp, gif, bmp, svg })) {
      const made = await storeCover(bytes, dir.path);
      const kept = store.findOriginal(made.hash);
      expect(kept, name).toBeDefined();
      const original = new Uint8Array(readFileSync(kept!.path));
      const meta = await sharp(original).metadata();
      expect(meta.format, name).toBe(kept!.format);
      if (name in expected)
        expect(kept!.format, name).toBe(expected[name as keyof typeof expected]);
      expect({ width: meta.width, height: meta.height }, name).toEqual(made.original);
      // The thumbnails stored are the ones the kept original makes.
      const again = await makeThumbnails(original);
      expect(readFileSync(store.path(made.hash, 'medium')!).equals(again.medium.bytes), name).toBe(
        true,
      );
    }
    // Standard Ebooks' SVG is drawn at its full declared size, not thumbnail size.
    const se = await storeCover(svg, dir.path);
    expect(se.original).toEqual({ width: 1400, height: 2100 });
  });

  it('ranks a 2:3 cover above a smaller copy and a square crop, best first', async () => {
    const jpeg = await corpusCover(JPEG_BOOK, 'epub');
    const full = await storeCover(jpeg, dir.path);
    const { width, height } = full.original;
    const smaller = await storeCover(
      new Uint8Array(
        await sharp(jpeg)
          .resize(Math.round(width / 2))
          .jpeg()
          .toBuffer(),
      ),
      dir.path,
    );
    const side = Math.min(width, height);
    const square = await storeCover(
      new Uint8Array(await sharp(jpeg).resize(side, side, { fit: 'cover' }).jpeg().toBuffer()),
      dir.path,
    );
    const ranked = [
      candidate('square', square),
      candidate('smaller', smaller),
      candidate('full', full),
    ].sort(compareCovers);
    // The square crop has more pixels than the smaller copy, but not a book's shape.
    expect(ranked.map((c) => c.id)).toEqual(['full', 'smaller', 'square']);
    // The smaller copy is the same picture: one candidate, its best copy first.
    expect(rankCovers(ranked).map((g) => g.members.map((c) => c.id))).toEqual([
      ['full', 'smaller'],
      ['square'],
    ]);
  });

  it('folds copies of one picture (another size, another format) and keeps different covers apart', async () => {
    const jpeg = await corpusCover(JPEG_BOOK, 'epub');
    const original = await storeCover(jpeg, dir.path);
    const thumbnailCopy = await storeCover(
      new Uint8Array(await sharp(jpeg).resize(180).webp({ quality: 70 }).toBuffer()),
      dir.path,
    );
    const pngCopy = await storeCover(new Uint8Array(await sharp(jpeg).png().toBuffer()), dir.path);
    const timeMachine = await storeCover(await corpusCover(SVG_BOOK, 'epub'), dir.path);
    const prideAndPrejudice = await storeCover(await corpusCover(OTHER_SVG_BOOK, 'epub'), dir.path);
    const comic = await storeCover(await corpusCover(COMIC, 'cbz'), dir.path);
    const groups = rankCovers([
      candidate('googlebooks', thumbnailCopy),
      candidate('embedded', original),
      candidate('upload', pngCopy),
      candidate('time-machine', timeMachine),
      candidate('pride', prideAndPrejudice),
      candidate('comic', comic),
    ]);
    const folded = groups.find((g) => g.members.some((c) => c.id === 'embedded'));
    expect(folded?.members.map((c) => c.id).sort()).toEqual(['embedded', 'googlebooks', 'upload']);
    expect(folded?.best.id).not.toBe('googlebooks');
    expect(groups).toHaveLength(4);
  });

  it('never chooses a blank answer or a flat image over a real cover, however large', async () => {
    const real = await storeCover(await corpusCover(COMIC, 'cbz'), dir.path);
    const blank = await storeCover(await openLibraryBlank(), dir.path);
    const flat = await storeCover(
      new Uint8Array(
        await sharp({ create: { width: 2000, height: 3000, channels: 3, background: '#dddddd' } })
          .jpeg()
          .toBuffer(),
      ),
      dir.path,
    );
    expect(blank.quality.placeholder).toBe(true);
    expect(flat.quality.placeholder).toBe(true);
    expect(real.quality.placeholder).toBe(false);
    const covers = [candidate('blank', blank), candidate('flat', flat), candidate('real', real)];
    expect(bestCover(covers)?.id).toBe('real');
    expect(bestCover(covers.slice(0, 2))).toBeUndefined();
  });
});

describe.skipIf(!corpusDir)('covers in a running agent', () => {
  const data = tempDir('cover-originals-data');
  const library = tempDir('cover-originals-library');
  let agent: TestAgent;
  let reader: TestSession;
  const books = [JPEG_BOOK, SVG_BOOK, PDF, COMIC];

  beforeAll(async () => {
    for (const rel of books)
      copyFileSync(corpusPath(rel), join(library.path, rel.replace(/\//g, '_')));
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
    reader = await agent.signIn('rita', 'reader');
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  async function coverDocs(): Promise<CoverDoc[]> {
    const all = await agent.agent.ctx.catalog.db.allDocs({
      include_docs: true,
      startkey: 'cover:',
      endkey: 'cover:\uffff',
    });
    return all.rows.flatMap((r) => readCoverDoc(r.doc) ?? []);
  }

  it('keeps each book’s original and serves it full size to any signed-in user', async () => {
    const docs = await coverDocs();
    expect(docs).toHaveLength(books.length);
    for (const doc of docs) {
      expect(doc.quality?.placeholder, doc.book).toBe(false);
      const kept = agent.agent.covers.findOriginal(doc.hash);
      expect(kept, doc.book).toBeDefined();
      for (const session of [agent.admin, reader]) {
        const response = await session.fetch(`/api/covers/${doc.hash}/original`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(`image/${kept!.format}`);
        expect(response.headers.get('cache-control')).toContain('private');
        const body = new Uint8Array(await response.arrayBuffer());
        expect(body.byteLength).toBe(doc.quality?.bytes);
        const meta = await sharp(body).metadata();
        expect({ width: meta.width, height: meta.height }).toEqual(doc.original);
      }
      expect(doc.medium).toEqual(fitInside(doc.original, COVER_SIZES.medium));
    }
    const anonymous = await fetch(`${agent.url}/api/covers/${docs[0]!.hash}/original`);
    expect(anonymous.status).toBe(401);
  });

  it('answers the full size of a cover made before originals were kept with its medium thumbnail', async () => {
    const doc = (await coverDocs())[0]!;
    const kept = agent.agent.covers.findOriginal(doc.hash)!;
    const moved = `${kept.path}.away`;
    renameSync(kept.path, moved);
    try {
      const response = await agent.admin.fetch(`/api/covers/${doc.hash}/original`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
    } finally {
      renameSync(moved, kept.path);
    }
    expect((await agent.admin.fetch(`/api/covers/${'b'.repeat(64)}/original`)).status).toBe(404);
  });

  it('passes over a source’s blank answer for its next cover (recorded Open Library covers)', async () => {
    const work = JSON.parse(
      readFileSync(corpusPath('api/openlibrary/bookwyrm_ol_work.json'), 'utf8'),
    ) as { covers: number[] };
    const urls = work.covers.map((id) => `https://covers.openlibrary.org/b/id/${id}-L.jpg`);
    const blank = await openLibraryBlank();
    const real = await corpusCover(JPEG_BOOK, 'epub');
    const asked: string[] = [];
    const fetchImpl = (url: string) => {
      asked.push(url);
      const body = url === urls[0] ? blank : real;
      return Promise.resolve(
        new Response(new Blob([new Uint8Array(body)]), {
          headers: { 'content-type': 'image/jpeg' },
        }),
      );
    };
    const bookId = (await coverDocs())[0]!.book.split(':').at(-1)!;
    const outcome = await coverFromSource(
      {
        catalog: agent.agent.ctx.catalog,
        readers: agent.agent.readers,
        coversDir: agent.agent.covers.dir,
        fetch: fetchImpl,
      },
      bookId,
      {
        source: 'openlibrary',
        candidates: [],
        covers: urls.map((url) => ({ url })),
        match: undefined,
      },
      undefined,
    );
    expect(outcome).toBe('made');
    expect(asked).toEqual(urls);
    const doc = readCoverDoc(
      await agent.agent.ctx.catalog.get(
        coverDocId(agent.agent.ctx.catalog.library, bookId, 'openlibrary'),
      ),
    );
    expect(doc?.quality?.placeholder).toBe(false);
    const meta = await sharp(real).metadata();
    expect(doc?.original).toEqual({ width: meta.width, height: meta.height });
    // The blank answer's original is kept too: nothing downloaded is lost.
    expect(agent.agent.covers.findOriginal(coverHash(blank))).toBeDefined();
  });
});
