import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntryInfo } from '#core/archive/archive';
import { bytesSource, type ByteSource } from '#core/bytes/byte-source';
import { BookFormatError, type ProblemCode } from '#core/errors';
import { openComicArchive } from '#core/formats/comic/container';
import {
  findMetadataEntry,
  readComic,
  readComicCover,
  type ComicFormat,
} from '#core/formats/comic/index';
import { sortPages } from '#core/formats/comic/pages';
import { parseIssueNumber, splitList } from '#core/formats/comic/values';
import type { ArchiveKind } from '#core/formats/platform';
import type { Extraction } from '#core/formats/types';
import type { BookMetadata, Origin } from '#core/metadata/types';
import { libarchivePlatform, openArchive } from '../../agent/platform/libarchive/index';
import { concatBytes } from '../support/bytes';
import {
  corpusDir,
  corpusFiles,
  corpusPath,
  expected,
  NO_CORPUS_MESSAGE,
  readCorpusSource,
} from '../support/corpus';

/**
 * Comics through the agent's libarchive platform, over the shared corpus:
 * every comic against expected.json, every RAR listed or refused with a typed
 * error, every hostile CBZ answered quickly, and nothing written to disk.
 */

const platform = libarchivePlatform();
const MiB = 1024 * 1024;

const FORMATS: Record<string, ComicFormat> = {
  '.cbz': 'cbz',
  '.zip': 'cbz',
  '.cbr': 'cbr',
  '.rar': 'cbr',
  '.cb7': 'cb7',
  '.cbt': 'cbt',
};

function formatOf(rel: string): ComicFormat {
  const format = FORMATS[path.extname(rel).toLowerCase()];
  if (!format) throw new Error(`No comic format for ${rel}`);
  return format;
}

function fromOrigin(extraction: Extraction, origin: Origin): BookMetadata {
  const found = extraction.candidates.filter((c) => c.origin === origin);
  return Object.fromEntries(found.map((c) => [c.field, c.value])) as BookMetadata;
}

async function outcome<T>(promise: Promise<T>): Promise<T | ProblemCode> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof BookFormatError) return error.code;
    throw error;
  }
}

/** Every file under a folder with its size and mtime, to prove nothing was written. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => {
      const stat = statSync(path.join(dir, rel));
      return `${rel} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

describe.skipIf(!corpusDir)('comics on the corpus (agent libarchive platform)', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const roots = corpusDir ? [corpusDir, path.dirname(corpusDir)] : [];
  let before: string[][] = [];
  beforeAll(() => {
    before = roots.map((dir, i) => (i === 0 ? snapshot(dir) : readdirSync(dir).sort()));
  });
  afterAll(() => {
    const after = roots.map((dir, i) => (i === 0 ? snapshot(dir) : readdirSync(dir).sort()));
    expect(after).toEqual(before);
  });

  describe.each(corpusFiles('comics'))('%s', (rel) => {
    const entry = corpusDir ? expected()[rel] : undefined;
    const comicInfo = entry?.comicinfo as Record<string, string> | undefined;
    let source: ByteSource;
    let extraction: Extraction;
    let entries: readonly ArchiveEntryInfo[];

    beforeAll(async () => {
      source = await readCorpusSource(rel);
      extraction = await readComic(source, formatOf(rel), platform);
      const { archive } = await openComicArchive(source, formatOf(rel), platform);
      entries = archive.entries;
      await archive.close();
    });

    it('lists the entries 7-Zip lists, and picks the ComicInfo expected.json used', () => {
      expect(entries).toHaveLength(entry?.entries as number);
      expect(findMetadataEntry(entries, 'ComicInfo.xml')?.name).toBe(entry?.comicinfo_used);
    });

    it.runIf(comicInfo)('matches the ComicInfo fields', () => {
      if (!comicInfo) return;
      const metadata = fromOrigin(extraction, 'embedded:comicinfo');
      expect(metadata.title).toBe(comicInfo.Title || undefined);
      // A Volume holding the run's start year is part of the series' name: "Captain Science (1950)".
      const startYear = comicInfo.Volume && Number(comicInfo.Volume) >= 1000;
      expect(metadata.series?.name).toBe(
        startYear ? `${comicInfo.Series} (${comicInfo.Volume})` : comicInfo.Series,
      );
      expect(metadata.series?.number).toBe(
        parseIssueNumber(comicInfo.Number) ??
          (comicInfo.Volume && Number(comicInfo.Volume) < 1000
            ? Number(comicInfo.Volume)
            : undefined),
      );
      expect(metadata.publisher).toBe(comicInfo.Publisher);
      expect(metadata.authors?.map((p) => p.name)).toEqual(
        comicInfo.Writer ? splitList(comicInfo.Writer) : undefined,
      );
      if (comicInfo.Year) expect(metadata.published?.slice(0, 4)).toBe(comicInfo.Year);
      expect(metadata.languages).toEqual(
        comicInfo.LanguageISO ? [comicInfo.LanguageISO] : undefined,
      );
      // PageCount when over 0, else the pages the archive holds.
      const declared = Number(comicInfo.PageCount ?? 0);
      const pages = sortPages(entries).length;
      expect(metadata.pageCount).toBe(declared > 0 ? declared : pages || undefined);
    });

    it.runIf(entry?.archive_comment_ComicBookInfo)(
      'reads ComicBookInfo from the archive comment',
      () => {
        const cbi = entry?.archive_comment_ComicBookInfo as Record<string, unknown>;
        const metadata = fromOrigin(extraction, 'embedded:comicbookinfo');
        expect(metadata).toMatchObject({
          title: cbi.title,
          publisher: cbi.publisher,
          series: {
            name: cbi.volume ? `${String(cbi.series)} (${String(cbi.volume)})` : cbi.series,
            number: cbi.issue,
            kind: 'series',
          },
          published: `${String(cbi.publicationYear)}-${String(cbi.publicationMonth).padStart(2, '0')}`,
          authors: [{ name: 'Joe Orlando', roles: ['aut'] }],
          pageCount: cbi.pages,
        });
      },
    );

    it('has a cover image exactly when it has pages', async () => {
      const hasPages = !extraction.warnings.some((w) => /no pages/.test(w));
      expect(extraction.cover !== undefined).toBe(hasPages);
      if (!extraction.cover) return;
      expect(extraction.cover.kind).toBe('entry');
      const image = await readComicCover(source, formatOf(rel), extraction.cover, platform);
      expect(image?.mediaType).toMatch(/^image\//);
      expect(image?.bytes.byteLength).toBeGreaterThan(0);
    });
  });

  it('never counts __MACOSX resource forks as pages', async () => {
    const rel = 'comics/comicbox_macos_resource_fork.cbz';
    const extraction = await readComic(await readCorpusSource(rel), 'cbz', platform);
    const pageCounts = extraction.candidates.filter((c) => c.field === 'pageCount');
    expect(pageCounts.map((c) => c.value)).toEqual([2]);
    expect(extraction.cover).toMatchObject({ path: 'CaptainScience#1_01.jpg' });
  });

  it('catalogs the empty comic with a "no pages" warning', async () => {
    const extraction = await readComic(
      await readCorpusSource('comics/comicbox_empty.cbz'),
      'cbz',
      platform,
    );
    expect(extraction.candidates).toEqual([]);
    expect(extraction.warnings.join()).toMatch(/no pages/);
  });

  describe('every RAR through openArchive: listed, or refused with a typed error', () => {
    const refused: Record<string, ProblemCode> = {
      'rar/komga_rar4-encrypted.rar': 'encrypted-archive',
      'rar/komga_rar5-encrypted.rar': 'encrypted-archive',
      'rar/libarchive_test_read_format_rar5_truncated_huff.rar': 'corrupt',
      'rar/libarchive_test_read_format_rar_invalid1.rar': 'truncated',
    };
    /** Entries libarchive cannot extract, and why. */
    const unreadable: Record<string, ProblemCode> = {
      'rar/komga_rar4-solid.rar:komga-2.png': 'unsupported-format',
      'rar/komga_rar4-solid.rar:komga-3.png': 'unsupported-format',
    };

    it.each(corpusFiles('rar', '.rar'))('%s', async (rel) => {
      const result = await outcome(openArchive(await readCorpusSource(rel), 'rar'));
      if (typeof result === 'string') {
        expect(result).toBe(refused[rel]);
        return;
      }
      try {
        expect(refused[rel]).toBeUndefined();
        const names = result.entries.map((e) => e.name.replace(/\/$/, ''));
        expect(names.sort()).toEqual([...(expected()[rel]?.entries as string[])].sort());
        for (const file of result.entries.filter((e) => !e.directory && !e.unsafe)) {
          const read = await outcome(result.read(file.name, MiB));
          if (typeof read === 'string') expect(read).toBe(unreadable[`${rel}:${file.name}`]);
          else expect(read.byteLength).toBe(file.size);
        }
      } finally {
        await result.close();
      }
    });
  });

  describe('7z through openArchive', () => {
    it('lists and reads a 7z archive', async () => {
      const archive = await openArchive(await readCorpusSource('archives/komga_7zip.7z'), '7z');
      try {
        expect(archive.entries.map((e) => e.name)).toEqual(['komga.png']);
        expect((await archive.read('komga.png', MiB)).byteLength).toBe(archive.entries[0]?.size);
      } finally {
        await archive.close();
      }
    });

    it('lists an encrypted 7z archive and refuses to read it', async () => {
      const source = await readCorpusSource('archives/komga_7zip-encrypted.7z');
      const archive = await openArchive(source, '7z');
      try {
        expect(archive.entries[0]).toMatchObject({ name: 'komga.png', encrypted: true });
        expect(await outcome(archive.read('komga.png', MiB))).toBe('encrypted-archive');
      } finally {
        await archive.close();
      }
    });

    it('says a cut-off 7z archive is truncated', async () => {
      const bytes = readFileSync(corpusPath('comics/comicbox_Captain Science #001.cb7'));
      const cut = bytesSource(new Uint8Array(bytes).subarray(0, 9000), 'cut.cb7');
      expect(await outcome(openArchive(cut, '7z'))).toBe('truncated');
    });
  });

  describe('every hostile CBZ: an Extraction or a typed error, quickly', () => {
    const expectations: Record<string, ProblemCode | ((extraction: Extraction) => void)> = {
      'bad/comicinfo_billion_laughs.cbz': (extraction) => {
        expect(JSON.stringify(extraction.candidates)).not.toMatch(/lol/);
        expect(extraction.warnings.join()).toMatch(/declares XML entities/);
      },
      'bad/random_garbage.cbz': 'not-an-archive',
      'bad/truncated_captain-science-001.cbz': 'truncated',
      'bad/zip_bomb_1GiB_zeros.cbz': (extraction) => {
        expect(extraction.cover).toMatchObject({ path: 'page001.jpg' });
      },
      'bad/zip_path_traversal.cbz': (extraction) => {
        expect(extraction.cover).toMatchObject({ path: '001.png' });
        expect(extraction.warnings.join()).toMatch(/point outside it/);
      },
    };

    it.each(corpusFiles('bad', '.cbz'))(
      '%s',
      async (rel) => {
        const expectation = expectations[rel];
        expect(expectation).toBeDefined();
        const result = await outcome(readComic(await readCorpusSource(rel), 'cbz', platform));
        if (typeof expectation === 'function') {
          expect(typeof result).toBe('object');
          expectation(result as Extraction);
        } else {
          expect(result).toBe(expectation);
        }
      },
      10_000,
    );

    it('refuses the zip bomb page as a cover without inflating it', async () => {
      const source = await readCorpusSource('bad/zip_bomb_1GiB_zeros.cbz');
      const rssBefore = process.memoryUsage().rss;
      const result = await outcome(
        readComicCover(source, 'cbz', { kind: 'entry', path: 'page001.jpg' }, platform),
      );
      expect(result).toBe('entry-too-large');
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MiB);
    }, 10_000);
  });
});

// ── Without the corpus: archives built here ─────────────────────────────────

/** A ustar archive with these files. */
function makeTar(files: Record<string, Uint8Array | string>): Uint8Array {
  const blocks: Uint8Array[] = [];
  const field = (header: Uint8Array, at: number, width: number, value: string) =>
    header.set(new TextEncoder().encode(value).subarray(0, width), at);
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const header = new Uint8Array(512);
    field(header, 0, 100, name);
    field(header, 100, 8, '0000644\0');
    field(header, 108, 8, '0000000\0');
    field(header, 116, 8, '0000000\0');
    field(header, 124, 12, `${data.byteLength.toString(8).padStart(11, '0')}\0`);
    field(header, 136, 12, '00000000000\0');
    field(header, 156, 1, '0');
    field(header, 257, 8, 'ustar\u000000');
    header.fill(0x20, 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, data, new Uint8Array((512 - (data.byteLength % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  return concatBytes(...blocks);
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('openArchive (libarchive.js in a worker)', () => {
  const tar = makeTar({
    'ComicInfo.xml': '<ComicInfo><Series>Tarred</Series><Number>2</Number></ComicInfo>',
    '__proto__/polluted.png': PNG,
    'p2.png': PNG,
    'p10.png': PNG,
  });

  it('reads a plain tar comic, and a gzipped one', async () => {
    for (const bytes of [tar, new Uint8Array(gzipSync(tar))]) {
      const extraction = await readComic(bytesSource(bytes, 'x.cbt'), 'cbt', platform);
      expect(fromOrigin(extraction, 'embedded:comicinfo').series).toEqual({
        name: 'Tarred',
        number: 2,
        kind: 'series',
        issue: '#2',
      });
      expect(extraction.cover).toMatchObject({ path: 'p2.png', mediaType: 'image/png' });
    }
  });

  it('keeps entry names as data: "__proto__/…" reaches no prototype', async () => {
    const archive = await openArchive(bytesSource(tar), 'tar');
    try {
      expect(archive.entries.map((e) => e.name)).toContain('__proto__/polluted.png');
      expect(await archive.read('__proto__/polluted.png', 100)).toEqual(PNG);
      expect(({} as Record<string, unknown>)['polluted.png']).toBeUndefined();
    } finally {
      await archive.close();
    }
  });

  it('refuses an entry over the cap before extracting it', async () => {
    const archive = await openArchive(
      bytesSource(makeTar({ 'big.png': new Uint8Array(5000) })),
      'tar',
    );
    try {
      expect(await outcome(archive.read('big.png', 4999))).toBe('entry-too-large');
      expect((await archive.read('big.png', 5000)).byteLength).toBe(5000);
      expect(await outcome(archive.read('missing.png', 10))).toBe('missing-entry');
    } finally {
      await archive.close();
    }
  });

  const refusals: [string, () => Promise<unknown>, ProblemCode][] = [
    [
      'an archive over the memory cap',
      () => openArchive(bytesSource(tar), 'tar', { maxArchiveBytes: 1024 }),
      'file-too-large',
    ],
    [
      'bytes that are not the kind asked for',
      () => openArchive(bytesSource(tar), 'rar'),
      'not-an-archive',
    ],
    ['an empty file', () => openArchive(bytesSource(new Uint8Array(0)), '7z'), 'empty-file'],
    [
      'a worker that does not answer in time',
      () => openArchive(bytesSource(tar), 'tar', { timeoutMs: 1 }),
      'timeout',
    ],
    [
      'a corrupt gzip stream',
      () => openArchive(bytesSource(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6])), 'tar'),
      'corrupt',
    ],
  ];
  it.each(refusals)('refuses %s with a typed error', async (_label, open, code) => {
    expect(await outcome(open())).toBe(code);
  });

  it('with a kept worker, reads one archive after another, and after one that failed', async () => {
    // What a reader process does: its worker goes from one comic to the next.
    const kept = libarchivePlatform({ keepWorker: true });
    const corrupt = bytesSource(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]), 'bad.cbt');
    for (const name of ['a.cbt', 'b.cbt']) {
      const extraction = await readComic(bytesSource(tar, name), 'cbt', kept);
      expect(extraction.cover).toMatchObject({ path: 'p2.png' });
    }
    const failure = await kept.openArchive(corrupt, 'tar').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'corrupt' });
    expect((failure as Error).message).toContain('bad.cbt');
    const archive = await kept.openArchive(bytesSource(tar, 'c.cbt'), 'tar');
    expect(await archive.read('p10.png', 100)).toEqual(PNG);
    await archive.close();
  });

  it('cannot be read once closed', async () => {
    const archive = await openArchive(bytesSource(tar), 'tar' satisfies ArchiveKind);
    await archive.close();
    await archive.close();
    expect(await outcome(archive.read('p2.png', 100))).toBe('unreadable');
  });
});
