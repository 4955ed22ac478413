import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '#core/bytes/byte-source';
import { BookFormatError, type ProblemCode } from '#core/errors';
import type { FormatPlatform } from '#core/formats/platform';
import { readPdf, readPdfCover } from '#core/formats/pdf/index';
import { cleanText } from '#core/formats/pdf/info';
import type { Extraction } from '#core/formats/types';
import type { BookMetadata, Origin } from '#core/metadata/types';
import { nodePdfPlatform } from '../../agent/platform/pdfjs';
import {
  corpusDir,
  corpusFiles,
  expected,
  NO_CORPUS_MESSAGE,
  readCorpusSource,
  type ExpectedEntry,
} from '../support/corpus';
import { makePdf } from '../support/make-pdf';

const platform: FormatPlatform = { pdf: nodePdfPlatform() };
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The candidates of one origin as a BookMetadata (each field appears once per origin). */
function fromOrigin(extraction: Extraction, origin: Origin): BookMetadata {
  const own = extraction.candidates.filter((c) => c.origin === origin);
  return Object.fromEntries(own.map((c) => [c.field, c.value])) as BookMetadata;
}

async function outcome<T>(read: Promise<T>): Promise<T | ProblemCode> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof BookFormatError) return error.code;
    throw error;
  }
}

/** A source that counts the bytes it hands out. */
function counting(source: ByteSource): ByteSource & { bytesRead: number } {
  const counted = {
    size: source.size,
    name: source.name,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const bytes = await source.read(offset, length);
      counted.bytesRead += bytes.byteLength;
      return bytes;
    },
  };
  return counted;
}

function pngWidth(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(16);
}

// ── The corpus ──────────────────────────────────────────────────────────────

/** Where our reading of a corpus file deliberately differs from pdfinfo's raw values. */
const AUTHORS: Record<string, string[]> = {
  'pdf/pdfjs_issue6006.pdf': ['Daan Sprenkels'], // e-mail removed
  'pdf/komga_komga.pdf': [], // "https://imagemagick.org" is not a person
};
/** Files whose page 1 pdf.js cannot load: cataloged, without a cover. */
const NO_COVER = new Set(['pdf/pdfjs_poppler-742-0-fuzzed.pdf']);
const BROKEN: Record<string, ProblemCode> = { 'pdf/pdfjs_bug1020226.pdf': 'corrupt' };
const NEEDS_PASSWORD = new Set(['pdf/pdfjs_issue3371.pdf']);

const str = (entry: ExpectedEntry, key: string): string | undefined =>
  typeof entry[key] === 'string' ? entry[key] : undefined;

describe.skipIf(!corpusDir)('readPdf on the corpus', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const files = corpusFiles('pdf', '.pdf');

  it('knows every corpus PDF', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const rel of files) expect(expected()[rel], rel).toBeDefined();
  });

  describe.each(files)('%s', (rel) => {
    const entry = corpusDir ? (expected()[rel] as ExpectedEntry) : ({} as ExpectedEntry);

    if (BROKEN[rel]) {
      it(`fails with '${BROKEN[rel]}' (pdfinfo: ${str(entry, 'pdfinfo_error')})`, async () => {
        const result = await outcome(readPdf(await readCorpusSource(rel), platform));
        expect(result).toBe(BROKEN[rel]);
        await expect(readPdf(await readCorpusSource(rel), platform)).rejects.toThrow(/damaged PDF/);
      });
      return;
    }

    if (NEEDS_PASSWORD.has(rel)) {
      it('is cataloged as encrypted, without metadata, with a warning', async () => {
        const result = await readPdf(await readCorpusSource(rel), platform);
        expect(result.flags).toEqual({ encrypted: true });
        expect(result.candidates).toEqual([]);
        expect(result.cover).toBeUndefined();
        expect(result.warnings.join(' ')).toMatch(/password/);
        expect(await readPdfCover(await readCorpusSource(rel), platform)).toBeUndefined();
      });
      return;
    }

    it('reads the Info dictionary, XMP, pages and encryption like pdfinfo', async () => {
      const result = await readPdf(await readCorpusSource(rel), platform);
      const info = fromOrigin(result, 'embedded:pdf-info');
      const xmp = fromOrigin(result, 'embedded:xmp');
      expect(result.format).toBe('pdf');
      expect(info.title).toBe(cleanText(entry['Title']));
      const author = str(entry, 'Author');
      const authors = AUTHORS[rel] ?? (author ? [author] : []);
      expect((info.authors ?? []).map((p) => p.name)).toEqual(authors);
      expect(info.description).toBe(str(entry, 'Subject'));
      const keywords = str(entry, 'Keywords')
        ?.split(/[,;]/)
        .map((k) => k.trim());
      expect(info.subjects).toEqual(keywords);
      expect(info.pageCount).toBe(Number(entry['Pages']));
      expect(result.flags.encrypted ?? false).toBe(str(entry, 'Encrypted')?.startsWith('yes'));
      const xmpTitle = str(entry, 'xmp_dc_title');
      if (xmpTitle) expect(xmp.title).toBe(xmpTitle);
      const xmpCreator = str(entry, 'xmp_dc_creator');
      if (xmpCreator) expect(xmp.authors?.map((p) => p.name)).toEqual([xmpCreator]);
      for (const c of result.candidates) {
        expect(c.confidence).toBe(c.origin === 'embedded:xmp' ? 0.6 : 0.5);
      }
      if (NO_COVER.has(rel)) {
        expect(result.cover).toBeUndefined();
        expect(result.warnings.join(' ')).toMatch(/Page 1/);
      } else {
        expect(result.cover).toEqual({ kind: 'page', page: 1 });
      }
    });

    it(
      NO_COVER.has(rel) ? 'has no renderable cover' : 'renders page 1 as a PNG ≤ 800 px wide',
      async () => {
        const image = await readPdfCover(await readCorpusSource(rel), platform);
        if (NO_COVER.has(rel)) {
          expect(image).toBeUndefined();
          return;
        }
        expect(image?.mediaType).toBe('image/png');
        const bytes = image?.bytes ?? new Uint8Array();
        expect([...bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
        expect(pngWidth(bytes)).toBeGreaterThan(0);
        expect(pngWidth(bytes)).toBeLessThanOrEqual(800);
      },
    );
  });

  it('reads what it needs of the biggest corpus PDF (measured, not asserted)', async () => {
    const [biggest] = [...files].sort((a, b) => expected()[b]!.size - expected()[a]!.size);
    if (!biggest) return;
    const metadata = counting(await readCorpusSource(biggest));
    await readPdf(metadata, platform);
    const cover = counting(await readCorpusSource(biggest));
    await readPdfCover(cover, platform);
    console.log(
      `${biggest} (${metadata.size} bytes): readPdf read ${metadata.bytesRead} bytes, ` +
        `readPdfCover ${cover.bytesRead} bytes.`,
    );
  });
});

// ── Range reads and hostile input (no corpus needed) ────────────────────────

describe('readPdf through the byte source', () => {
  const big = makePdf({ padding: 8 * 1024 * 1024 });

  it('reads an 8 MiB PDF’s metadata without reading the file', async () => {
    const source = counting(bytesSource(big, 'big.pdf'));
    const result = await readPdf(source, platform);
    const info = fromOrigin(result, 'embedded:pdf-info');
    expect(info).toMatchObject({ title: 'Big Book', pageCount: 1 });
    expect(info.authors?.map((p) => p.name)).toEqual(['A. Writer']);
    console.log(`big.pdf (${big.byteLength} bytes): readPdf read ${source.bytesRead} bytes.`);
    expect(source.bytesRead).toBeLessThan(256 * 1024);
  });

  it('renders its page 1 with the standard fonts, still reading little', async () => {
    const source = counting(bytesSource(big, 'big.pdf'));
    const image = await readPdfCover(source, platform, 300);
    expect(image && pngWidth(image.bytes)).toBe(300);
    expect(source.bytesRead).toBeLessThan(256 * 1024);
  });

  it('leaves the bytes of an in-memory source intact (pdf.js transfers what it gets)', async () => {
    const small = makePdf({ title: 'Small' });
    await readPdf(bytesSource(small), platform);
    expect(small.byteLength).toBeGreaterThan(0);
    expect(fromOrigin(await readPdf(bytesSource(small), platform), 'embedded:pdf-info').title).toBe(
      'Small',
    );
  });

  // A fixed "random" file: a linear congruential generator, never a "%PDF-" header.
  const noise = new Uint8Array(100).map((_, i) => (i * 1103515245 + 12345) % 251);
  const cases: { name: string; bytes: Uint8Array; code: ProblemCode }[] = [
    { name: '0 bytes', bytes: new Uint8Array(), code: 'empty-file' },
    { name: '100 random bytes', bytes: noise, code: 'not-a-pdf' },
    {
      name: 'a header and then noise',
      bytes: new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(90)),
      code: 'corrupt',
    },
    {
      name: 'a PDF cut in half',
      bytes: makePdf({ padding: 4096 }).subarray(0, 2500),
      code: 'corrupt',
    },
  ];
  it.each(cases)('$name → $code', async ({ bytes, code }) => {
    expect(await outcome(readPdf(bytesSource(bytes, 'bad.pdf'), platform))).toBe(code);
    expect(await outcome(readPdfCover(bytesSource(bytes, 'bad.pdf'), platform))).toBe(code);
  });

  it('gives up on a source that stops answering (timeout)', async () => {
    const source = bytesSource(big, 'slow.pdf');
    let reads = 0;
    const hanging: ByteSource = {
      ...source,
      read: (offset, length) =>
        reads++ === 0 ? source.read(offset, length) : new Promise(() => {}),
    };
    expect(await outcome(readPdf(hanging, platform, { timeoutMs: 300 }))).toBe('timeout');
  });

  it('reports a source that fails to read as unreadable', async () => {
    const source = bytesSource(big, 'failing.pdf');
    let reads = 0;
    const failing: ByteSource = {
      ...source,
      read: async (offset, length) => {
        if (reads++ === 0) return source.read(offset, length);
        throw new Error('EIO: i/o error');
      },
    };
    await expect(readPdf(failing, platform)).rejects.toThrow(/EIO/);
    expect(await outcome(readPdf(failing, platform))).toBe('unreadable');
  });

  it('decodes a doubly escaped Info string and drops XML found in /Keywords', async () => {
    // The file holds "\\\(" (an escaped backslash, then an escaped "("): pdf.js leaves "\(" in the text.
    const pdf = makePdf({
      title: 'Carmen \\\\\\(1875\\\\\\) \\\\251 1990',
      author: 'Bizet, Georges \\\\\\(1838-1875\\\\\\)',
      keywords:
        '<?xml version="1.0"?><ComicInfo><Genre>Opera</Genre><Tags>d,e,f</Tags></ComicInfo>',
    });
    const result = await readPdf(bytesSource(pdf, 'carmen.pdf'), platform);
    const info = fromOrigin(result, 'embedded:pdf-info');
    expect(info.title).toBe('Carmen (1875) © 1990');
    expect(info.authors?.map((p) => p.name)).toEqual(['Bizet, Georges (1838-1875)']);
    expect(info.subjects).toBeUndefined();
    expect(result.warnings.join(' ')).toMatch(/Keywords value “<\?xml.*markup/);
  });

  it('says PDFs are unsupported when the host lends no pdf.js', async () => {
    expect(await outcome(readPdf(bytesSource(big), {}))).toBe('unsupported-format');
  });

  it('gives no cover when the host has no canvas', async () => {
    const { createCanvas: _, ...withoutCanvas } = nodePdfPlatform();
    expect(await readPdfCover(bytesSource(big), { pdf: withoutCanvas })).toBeUndefined();
  });
});
