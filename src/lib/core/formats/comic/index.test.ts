import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import type { ArchiveEntryInfo, ArchiveReader } from '../../archive/archive';
import { bytesSource, type ByteSource } from '../../bytes/byte-source';
import { BookFormatError, type ProblemCode } from '../../errors';
import type { BookMetadata, FieldCandidate, Origin } from '../../metadata/types';
import type { FormatPlatform } from '../platform';
import type { Extraction } from '../types';
import { findMetadataEntry, MAX_METADATA_BYTES, readComic, readComicCover } from './index';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const NO_PLATFORM: FormatPlatform = {};

async function makeZip(
  files: Record<string, string | Uint8Array>,
  comment?: string,
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, level: 0 });
  for (const [name, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    await writer.add(name, new Uint8ArrayReader(bytes));
  }
  return writer.close(comment === undefined ? undefined : new TextEncoder().encode(comment));
}

async function zipSource(
  files: Record<string, string | Uint8Array>,
  comment?: string,
): Promise<ByteSource> {
  return bytesSource(await makeZip(files, comment), 'comic.cbz');
}

/** What the candidates of one origin say. */
function fromOrigin(extraction: Extraction, origin: Origin): BookMetadata {
  const found = extraction.candidates.filter((c: FieldCandidate) => c.origin === origin);
  return Object.fromEntries(found.map((c) => [c.field, c.value])) as BookMetadata;
}

async function codeOf(promise: Promise<unknown>): Promise<ProblemCode | 'no error'> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(BookFormatError);
    return (error as BookFormatError).code;
  }
}

/** A host archive reader over fixed entries, for the containers the core cannot open. */
function fakePlatform(
  entries: Partial<ArchiveEntryInfo>[],
  comment?: string,
): FormatPlatform & { opened: string[] } {
  const opened: string[] = [];
  const infos = entries.map((e) => ({
    name: '',
    size: 10,
    compressedSize: 10,
    directory: false,
    encrypted: false,
    unsafe: false,
    ...e,
  }));
  const reader: ArchiveReader = {
    entries: infos,
    ...(comment !== undefined && { comment }),
    find: (name) => infos.find((e) => e.name === name),
    read: async () => PNG,
    readText: async () => '',
    close: async () => undefined,
  };
  return {
    opened,
    openArchive: async (_source, kind) => {
      opened.push(kind);
      return reader;
    },
  };
}

const RAR5_HEAD = new Uint8Array([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 0, 0, 0, 0]);

describe('readComic', () => {
  it('reads pages in natural order and the root ComicInfo over a nested one', async () => {
    const source = await zipSource({
      'sub/ComicInfo.xml': '<ComicInfo><Title>Nested</Title></ComicInfo>',
      'p10.jpg': JPEG,
      'p2.jpg': JPEG,
      'p1.jpg': JPEG,
      'comicinfo.xml':
        '<ComicInfo><Title>Root</Title><PageCount>0</PageCount>' +
        '<Pages><Page Image="1" Type="FrontCover"/></Pages></ComicInfo>',
    });
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    expect(extraction.format).toBe('cbz');
    expect(extraction.warnings).toEqual([]);
    expect(fromOrigin(extraction, 'embedded:comicinfo')).toEqual({ title: 'Root', pageCount: 3 });
    expect(extraction.cover).toEqual({ kind: 'entry', path: 'p2.jpg', mediaType: 'image/jpeg' });
  });

  it('keeps ComicInfo PageCount when it is over 0', async () => {
    const source = await zipSource({
      'ComicInfo.xml': '<ComicInfo><PageCount>40</PageCount></ComicInfo>',
      '1.jpg': JPEG,
    });
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    const counts = extraction.candidates.filter((c) => c.field === 'pageCount');
    expect(counts.map((c) => c.value)).toEqual([40]);
  });

  it('uses the first page when the FrontCover index is past the last page, and says so', async () => {
    const source = await zipSource({
      'ComicInfo.xml': '<ComicInfo><Pages><Page Image="9" Type="FrontCover"/></Pages></ComicInfo>',
      'b.png': PNG,
      'a.png': PNG,
    });
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    expect(extraction.cover).toMatchObject({ path: 'a.png', mediaType: 'image/png' });
    expect(extraction.warnings.join()).toMatch(/page 9 as the front cover/);
  });

  it("uses CoMet's cover image when there is no ComicInfo", async () => {
    const source = await zipSource({
      'x/CoMet.xml': '<comet><title>C</title><coverImage>2.jpg</coverImage></comet>',
      'x/1.jpg': JPEG,
      'x/2.jpg': JPEG,
    });
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    expect(extraction.cover).toMatchObject({ path: 'x/2.jpg' });
    expect(fromOrigin(extraction, 'embedded:comet')).toMatchObject({ title: 'C' });
  });

  it('lets every metadata source contribute under its own origin', async () => {
    const cbi = JSON.stringify({ 'ComicBookInfo/1.0': { title: 'From CBI' } });
    const source = await zipSource(
      {
        'ComicInfo.xml': '<ComicInfo><Title>From ComicInfo</Title></ComicInfo>',
        'MetronInfo.xml': '<MetronInfo><CollectionTitle>From Metron</CollectionTitle></MetronInfo>',
        'CoMet.xml': '<comet><title>From CoMet</title></comet>',
        '1.jpg': JPEG,
      },
      cbi,
    );
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    const titles = extraction.candidates.filter((c) => c.field === 'title');
    expect(titles.map((c) => [c.origin, c.value, c.confidence])).toEqual([
      ['embedded:comicinfo', 'From ComicInfo', 0.8],
      ['embedded:metroninfo', 'From Metron', 0.8],
      ['embedded:comet', 'From CoMet', 0.75],
      ['embedded:comicbookinfo', 'From CBI', 0.75],
    ]);
  });

  it('warns about a broken or oversized metadata file and goes on', async () => {
    const source = await zipSource({
      'ComicInfo.xml': '<ComicInfo><Title>unclosed',
      'MetronInfo.xml': `<MetronInfo>${' '.repeat(MAX_METADATA_BYTES)}</MetronInfo>`,
      '1.jpg': JPEG,
    });
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    expect(extraction.warnings.join('\n')).toMatch(/ComicInfo.xml was not used: .*well-formed/);
    expect(extraction.warnings.join('\n')).toMatch(/MetronInfo.xml was not used: .*larger than/);
    expect(extraction.cover).toMatchObject({ path: '1.jpg' });
  });

  it('catalogs an archive without pages, with a warning', async () => {
    const source = await zipSource({ 'readme.txt': 'hi' });
    const extraction = await readComic(source, 'cbz', NO_PLATFORM);
    expect(extraction.cover).toBeUndefined();
    expect(extraction.candidates).toEqual([]);
    expect(extraction.warnings.join()).toMatch(/no pages/);
  });

  it('reads a .cbr that is really a ZIP without any host reader', async () => {
    const source = bytesSource(await makeZip({ '1.jpg': JPEG }), 'really-a-zip.cbr');
    const extraction = await readComic(source, 'cbr', NO_PLATFORM);
    expect(extraction.format).toBe('cbr');
    expect(extraction.cover).toMatchObject({ path: '1.jpg' });
  });

  it('chooses the container by content and hands RAR to the host', async () => {
    const platform = fakePlatform([{ name: '2.png' }, { name: '1.png' }]);
    const extraction = await readComic(bytesSource(RAR5_HEAD, 'x.cbz'), 'cbz', platform);
    expect(platform.opened).toEqual(['rar']);
    expect(extraction.cover).toMatchObject({ path: '1.png' });
  });

  it('reads ComicBookInfo from a host-read archive comment', async () => {
    const cbi = JSON.stringify({ 'ComicBookInfo/1.0': { series: 'S', issue: 3 } });
    const platform = fakePlatform([{ name: '1.png' }], cbi);
    const extraction = await readComic(bytesSource(RAR5_HEAD), 'cbr', platform);
    expect(fromOrigin(extraction, 'embedded:comicbookinfo')).toEqual({
      series: { name: 'S', number: 3, kind: 'series', issue: '#3' },
    });
  });

  const refused: [label: string, bytes: Uint8Array, platform: FormatPlatform, code: ProblemCode][] =
    [
      ['an empty file', new Uint8Array(0), NO_PLATFORM, 'empty-file'],
      ['text', new TextEncoder().encode('not a comic at all'), NO_PLATFORM, 'not-an-archive'],
      ['a RAR without a host reader', RAR5_HEAD, NO_PLATFORM, 'unsupported-format'],
      [
        'encrypted pages',
        RAR5_HEAD,
        fakePlatform([{ name: '1.png', encrypted: true }]),
        'encrypted-archive',
      ],
    ];
  it.each(refused)('refuses %s with a typed error', async (_label, bytes, platform, code) => {
    expect(await codeOf(readComic(bytesSource(bytes), 'cbr', platform))).toBe(code);
  });

  it('names the format when the host cannot open it', async () => {
    await expect(readComic(bytesSource(RAR5_HEAD, 'x.cbr'), 'cbr', NO_PLATFORM)).rejects.toThrow(
      /RAR archive \(CBR\)/,
    );
  });

  it('reads only metadata entries, never the pages', async () => {
    const page = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    const bytes = await makeZip({ '1.jpg': page, '2.jpg': page, 'ComicInfo.xml': '<ComicInfo/>' });
    let read = 0;
    const inner = bytesSource(bytes);
    const source: ByteSource = {
      size: inner.size,
      name: 'counted.cbz',
      read: async (offset, length) => {
        const chunk = await inner.read(offset, length);
        read += chunk.byteLength;
        return chunk;
      },
    };
    await readComic(source, 'cbz', NO_PLATFORM);
    expect(read).toBeLessThan(bytes.byteLength / 20);
  });
});

describe('readComicCover', () => {
  it('returns the page with the media type of its bytes, not its name', async () => {
    const source = await zipSource({ 'cover.jpg': PNG });
    const image = await readComicCover(
      source,
      'cbz',
      { kind: 'entry', path: 'cover.jpg' },
      NO_PLATFORM,
    );
    expect(image).toEqual({ bytes: PNG, mediaType: 'image/png' });
  });

  it('gives nothing for a missing entry, a non-image or another kind of reference', async () => {
    const source = await zipSource({ 'a.jpg': 'not an image' });
    const read = (ref: Parameters<typeof readComicCover>[2]) =>
      readComicCover(source, 'cbz', ref, NO_PLATFORM);
    expect(await read({ kind: 'entry', path: 'a.jpg' })).toBeUndefined();
    expect(await read({ kind: 'entry', path: 'missing.jpg' })).toBeUndefined();
    expect(await read({ kind: 'page', page: 1 })).toBeUndefined();
  });
});

describe('findMetadataEntry', () => {
  const entry = (name: string, extra: Partial<ArchiveEntryInfo> = {}): ArchiveEntryInfo => ({
    name,
    size: 1,
    compressedSize: 1,
    directory: false,
    encrypted: false,
    unsafe: false,
    ...extra,
  });
  const cases: [label: string, names: ArchiveEntryInfo[], expected: string | undefined][] = [
    ['root wins', [entry('a/ComicInfo.xml'), entry('ComicInfo.xml')], 'ComicInfo.xml'],
    ['case-insensitive', [entry('COMICINFO.XML')], 'COMICINFO.XML'],
    [
      'shallowest nested',
      [entry('a/b/ComicInfo.xml'), entry('z/ComicInfo.xml')],
      'z/ComicInfo.xml',
    ],
    [
      'ties in natural order',
      [entry('b10/comicinfo.xml'), entry('b2/comicinfo.xml')],
      'b2/comicinfo.xml',
    ],
    [
      'a tar of `.` is at the root',
      [entry('./a/ComicInfo.xml'), entry('./ComicInfo.xml')],
      './ComicInfo.xml',
    ],
    ['never __MACOSX', [entry('__MACOSX/ComicInfo.xml')], undefined],
    ['never a resource fork', [entry('._ComicInfo.xml')], undefined],
    ['never unsafe', [entry('../ComicInfo.xml', { unsafe: true })], undefined],
    ['never a similar name', [entry('MyComicInfo.xml')], undefined],
  ];
  it.each(cases)('%s', (_label, entries, expected) => {
    expect(findMetadataEntry(entries, 'ComicInfo.xml')?.name).toBe(expected);
  });
});
